using System;

namespace CognitoClerk.Engine.Text
{
    /// <summary>
    /// A 64-bit hash of text that is the same in every process and runtime (string.GetHashCode is randomised per
    /// process): FNV-1a over the text's UTF-8 bytes or UTF-16 code units, then MurmurHash3's 64-bit finaliser, so
    /// every bit of the result depends on every input unit (plain FNV-1a mixes the last units only into the low bits,
    /// and the compact tables pick their slot from the high ones). Cheap, and not a defence against chosen
    /// collisions: every table that keeps these hashes settles a collision exactly some other way (the journal
    /// against its record, the status run's sub set with its counts and Cognito).
    /// </summary>
    internal static class StableHash
    {
        private const ulong OffsetBasis = 14695981039346656037UL;
        private const ulong Prime = 1099511628211UL;

        /// <summary>Over bytes (the journal's keys, read as UTF-8 in place).</summary>
        public static ulong OfBytes(ReadOnlySpan<byte> bytes)
        {
            ulong hash = OffsetBasis;
            foreach (byte b in bytes)
            {
                hash = (hash ^ b) * Prime;
            }

            return Finalise(hash);
        }

        /// <summary>Over the UTF-16 code units of a string (the pool's subs).</summary>
        public static ulong OfChars(string value)
        {
            ulong hash = OffsetBasis;
            foreach (char c in value)
            {
                hash = (hash ^ c) * Prime;
            }

            return Finalise(hash);
        }

        private static ulong Finalise(ulong hash)
        {
            hash ^= hash >> 33;
            hash *= 0xff51afd7ed558ccdUL;
            hash ^= hash >> 33;
            hash *= 0xc4ceb9fe1a85ec53UL;
            hash ^= hash >> 33;
            return hash;
        }
    }
}
