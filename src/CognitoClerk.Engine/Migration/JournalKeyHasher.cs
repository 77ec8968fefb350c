using System;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// The 64-bit hash <see cref="FinishedUserSet"/> files a <see cref="JournalUserKey"/> under. Injectable so a
    /// test can make every key collide and show that the set stays exact; the journal uses <see cref="Text.StableHash.OfBytes"/>.
    /// </summary>
    internal delegate ulong JournalKeyHasher(ReadOnlySpan<byte> key);
}
