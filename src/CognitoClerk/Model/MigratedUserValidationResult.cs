namespace CognitoClerk
{
    /// <summary>
    /// What Test-ClerkMigratedUser found for one user: the Cognito step (the InitiateAuth call Clerk will
    /// make) and the Clerk step (verify_password on the migrated user). Never holds the password or a token.
    /// </summary>
    public sealed class MigratedUserValidationResult
    {
        /// <summary>The USERNAME sent to Cognito: the identifier the digest holds.</summary>
        public string Identifier { get; set; } = string.Empty;

        /// <summary>
        /// True when Cognito issued tokens without a challenge and Clerk, if it was asked about an existing
        /// user, accepted the password.
        /// </summary>
        public bool Passed { get; set; }

        /// <summary>A <see cref="CognitoSignInStatus"/> name (text, so that ConvertTo-Json writes "Authenticated", not 1).</summary>
        public string CognitoStatus { get; set; } = nameof(CognitoSignInStatus.NotRun);

        /// <summary>NEW_PASSWORD_REQUIRED, SMS_MFA, SOFTWARE_TOKEN_MFA, ... when CognitoStatus is Challenge.</summary>
        public string? CognitoChallenge { get; set; }

        public string CognitoDetail { get; set; } = string.Empty;

        /// <summary>A <see cref="ClerkPasswordStatus"/> name (text, so that ConvertTo-Json writes "Verified", not 2).</summary>
        public string ClerkStatus { get; set; } = nameof(ClerkPasswordStatus.NotRun);

        public string? ClerkUserId { get; set; }

        public string ClerkDetail { get; set; } = string.Empty;

        /// <summary>Clerk's error code (incorrect_password, no_password_set, ...).</summary>
        public string? ClerkErrorCode { get; set; }

        /// <summary>clerk_trace_id of a failed Clerk call: give it to Clerk support.</summary>
        public string? ClerkTraceId { get; set; }

        public string UserPoolId { get; set; } = string.Empty;

        public string ClientId { get; set; } = string.Empty;

        /// <summary>The Cognito sub (Clerk external_id), when the input said.</summary>
        public string? ExternalId { get; set; }

        public override string ToString() => $"{Identifier}: Cognito {CognitoStatus}, Clerk {ClerkStatus}";
    }
}
