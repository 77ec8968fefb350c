namespace CognitoClerk
{
    /// <summary>
    /// One Cognito user attribute. Same shape (Name, Value) as ListUsers, `aws cognito-idp list-users`
    /// and AWS.Tools, so any of them can feed ConvertTo-ClerkCognitoDigest.
    /// </summary>
    public sealed class CognitoUserAttribute
    {
        public CognitoUserAttribute(string name, string? value)
        {
            Name = name;
            Value = value;
        }

        public string Name { get; }

        public string? Value { get; }

        public override string ToString() => Name + "=" + Value;
    }
}
