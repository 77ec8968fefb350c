namespace CognitoClerk.Engine.Clerk
{
    /// <summary>One email address or phone number of a Clerk user.</summary>
    public sealed class ClerkIdentification
    {
        public ClerkIdentification(string id, string value, bool verified)
        {
            Id = id;
            Value = value;
            Verified = verified;
        }

        /// <summary>idn_…: what DELETE /v1/email_addresses/{id} and primary_email_address_id take.</summary>
        public string Id { get; }

        public string Value { get; }

        /// <summary>verification.status is "verified".</summary>
        public bool Verified { get; }
    }
}
