using System;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>The journal cannot be opened (in use by another run, no access) or written (disk full).</summary>
    public sealed class MigrationJournalException : Exception
    {
        public MigrationJournalException(string path, string message, Exception? inner = null)
            : base(message, inner)
        {
            Path = path;
        }

        public string Path { get; }
    }
}
