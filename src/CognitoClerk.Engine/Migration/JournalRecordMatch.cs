using System;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// Whether the journal record at <paramref name="offset"/> is about the user <paramref name="key"/> names
    /// (a <see cref="JournalUserKey"/>). <see cref="FinishedUserSet"/> asks this for every entry whose hash equals the
    /// key's, which is how a hash collision is told apart from the same user: by the record itself.
    /// </summary>
    internal delegate bool JournalRecordMatch(long offset, ReadOnlySpan<byte> key);
}
