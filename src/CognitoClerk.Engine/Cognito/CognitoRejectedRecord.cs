namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// One entry of a ListUsers page that is not a user Cognito could have sent (no Username, a date outside any
    /// calendar, a value of the wrong type). The rest of the page, and the listing, go on without it.
    /// </summary>
    public sealed class CognitoRejectedRecord
    {
        public CognitoRejectedRecord(int position, string? username, string reason)
        {
            Position = position;
            Username = username;
            Reason = reason;
        }

        /// <summary>0-based index of the entry in its page's Users array.</summary>
        public int Position { get; }

        /// <summary>The entry's Username when it had a readable one (raw: escape it before printing).</summary>
        public string? Username { get; }

        /// <summary>What is wrong with it, in words (already safe to print).</summary>
        public string Reason { get; }
    }
}
