using System;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// The journal's key hash: 64-bit FNV-1a over the key's bytes, then MurmurHash3's 64-bit finaliser so every
    /// bit of the result depends on every byte (the set picks a slot from the top bits; plain FNV-1a mixes the last
    /// bytes only into the low ones). Not a defence against chosen collisions, and it need not be: the set resolves
    /// every equal hash against the record itself, so a collision costs a read of one line, never a wrong answer.
    /// </summary>
    internal static class JournalKeyHash
    {
        private const ulong OffsetBasis = 14695981039346656037UL;
        private const ulong Prime = 1099511628211UL;

        public static ulong Compute(ReadOnlySpan<byte> key)
        {
            ulong hash = OffsetBasis;
            foreach (byte b in key)
            {
                hash = (hash ^ b) * Prime;
            }

            hash ^= hash >> 33;
            hash *= 0xff51afd7ed558ccdUL;
            hash ^= hash >> 33;
            hash *= 0xc4ceb9fe1a85ec53UL;
            hash ^= hash >> 33;
            return hash;
        }
    }
}
