namespace CognitoClerk.Engine.Cutover
{
    /// <summary>One Clerk field that differs from what Cognito says today.</summary>
    public sealed class ProfileDifference
    {
        public ProfileDifference(string field, string? inCognito, string? inClerk)
        {
            Field = field;
            InCognito = inCognito;
            InClerk = inClerk;
        }

        /// <summary>first_name, last_name, email_address, phone_number, or a metadata leaf by dotted path.</summary>
        public string Field { get; }

        /// <summary>What the mapping would send today (null: nothing); metadata leaves as JSON.</summary>
        public string? InCognito { get; }

        /// <summary>What Clerk holds (null: nothing); the primary email or phone number for those fields.</summary>
        public string? InClerk { get; }

        public bool IsMetadata => Field.IndexOf('.') >= 0;

        public override string ToString() => Field;
    }
}
