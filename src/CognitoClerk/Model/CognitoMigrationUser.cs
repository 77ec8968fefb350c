using System;

namespace CognitoClerk
{
    /// <summary>
    /// A Cognito user as Get-CognitoMigrationUser writes it: the common attributes as properties for
    /// Where-Object, and every attribute (custom:* included) in <see cref="Attributes"/>.
    /// </summary>
    public sealed class CognitoMigrationUser
    {
        public string Username { get; set; } = string.Empty;

        public string? Sub { get; set; }

        public string? Email { get; set; }

        public bool? EmailVerified { get; set; }

        public string? PhoneNumber { get; set; }

        public bool? PhoneNumberVerified { get; set; }

        public string? GivenName { get; set; }

        public string? FamilyName { get; set; }

        public string? UserStatus { get; set; }

        public bool Enabled { get; set; }

        /// <summary>UTC.</summary>
        public DateTime? UserCreateDate { get; set; }

        /// <summary>UTC.</summary>
        public DateTime? UserLastModifiedDate { get; set; }

        /// <summary>Every attribute, custom:* included; "name=value; ..." as text (Export-Csv).</summary>
        public CognitoUserAttributeList Attributes { get; set; } = new CognitoUserAttributeList();

        public string? UserPoolId { get; set; }

        /// <summary>
        /// The user's Cognito groups in order (precedence, lowest first, groups without one last; then name), read
        /// with Get-CognitoMigrationUser -IncludeGroups; empty when in no group; null when groups were not read.
        /// </summary>
        public CognitoGroupNames? Groups { get; set; }

        public override string ToString() => Username;
    }
}
