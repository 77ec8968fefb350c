using System.Management.Automation;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Removal;

namespace CognitoClerk.Errors
{
    /// <summary>
    /// The one catalogue of the module's ErrorIds: the ids the cmdlets decide (input they cannot read, setup,
    /// connection, the steps of a validation), the category of every id the module writes, the engine's
    /// <see cref="MigrationErrorIds"/> and <see cref="RemovalErrorIds"/> included, and for ids whose cause is a parameter or an environment
    /// variable, which one to set. Scripts match on these strings (FullyQualifiedErrorId starts with them), so
    /// they never change once released. Every id is declared once, here or in the engine's MigrationErrorIds.
    /// </summary>
    internal static class ErrorIds
    {
        // Pipeline input that is not a Cognito user at all, or one that cannot be read.

        /// <summary>The object has no Username (and is not a list-users response or a collection of users).</summary>
        internal const string InputNotCognitoUser = "InputNotCognitoUser";

        /// <summary>The object names a user, but a field it carries cannot be read (an attribute without a Name, Enabled = "yes").</summary>
        internal const string InputCognitoUserMalformed = "InputCognitoUserMalformed";

        /// <summary>Sync-ClerkMigratedUser was given an object that is not a row of Get-ClerkMigrationStatus (no State it knows).</summary>
        internal const string InputNotStatusRow = "InputNotStatusRow";
        /// <summary>
        /// A not-migratable marker of ConvertTo-ClerkCognitoDigest (Migratable = $false) that lost its own ErrorId on
        /// the way (a hand-edited file): New-ClerkMigratedUser reports the user as Skipped with this one.
        /// </summary>
        internal const string CognitoUserNotMigratable = "CognitoUserNotMigratable";

        // Clerk: the key, the URL, the connection and what stops a migration.
        internal const string ClerkSecretKeyMissing = "ClerkSecretKeyMissing";

        /// <summary>The key given is a publishable key (pk_...): refused before anything is sent.</summary>
        internal const string ClerkSecretKeyInvalid = "ClerkSecretKeyInvalid";
        internal const string ClerkApiUrlInvalid = "ClerkApiUrlInvalid";
        internal const string ClerkAuthenticationFailed = "ClerkAuthenticationFailed";
        internal const string ClerkUserQuotaExceeded = "ClerkUserQuotaExceeded";
        internal const string ClerkUnreachable = "ClerkUnreachable";
        internal const string ClerkJournalUnavailable = "ClerkJournalUnavailable";
        internal const string ClerkJournalWriteFailed = "ClerkJournalWriteFailed";
        internal const string ClerkMigrationStopped = "ClerkMigrationStopped";

        // The cutover: a user whose Clerk lookup failed after its retries (Get-ClerkMigrationStatus), or the listing of Clerk users.
        internal const string ClerkStatusLookupFailed = "ClerkStatusLookupFailed";

        // Cognito: the settings of the connection, and what AWS answered.
        internal const string UserPoolIdMalformed = "UserPoolIdMalformed";
        internal const string CognitoRegionUnknown = "CognitoRegionUnknown";
        internal const string CognitoEndpointUrlInvalid = "CognitoEndpointUrlInvalid";
        internal const string AwsCredentialsNotFound = "AwsCredentialsNotFound";
        internal const string AwsCredentialsRejected = "AwsCredentialsRejected";
        internal const string CognitoAccessDenied = "CognitoAccessDenied";
        internal const string CognitoUserPoolNotFound = "CognitoUserPoolNotFound";
        internal const string CognitoThrottled = "CognitoThrottled";
        internal const string CognitoInvalidRequest = "CognitoInvalidRequest";
        internal const string CognitoServiceError = "CognitoServiceError";
        internal const string CognitoUnreachable = "CognitoUnreachable";
        internal const string CognitoPaginationLoop = "CognitoPaginationLoop";

        /// <summary>The endpoint answered, with something that is not Cognito's answer (not JSON, not ListUsers' shape, a redirect, too large).</summary>
        internal const string CognitoResponseMalformed = "CognitoResponseMalformed";

        /// <summary>One entry of a ListUsers page is not a user Cognito could have sent: one error, and the listing goes on.</summary>
        internal const string CognitoUserRecordInvalid = "CognitoUserRecordInvalid";

        // Remove-ClerkMigratedUser: what it was given.

        /// <summary>Neither -JournalPath nor pipeline input: nothing says which users to remove.</summary>
        internal const string ClerkRemovalInputMissing = "ClerkRemovalInputMissing";

        /// <summary>A pipeline object that is not a migration result (no Status, or not a migration status).</summary>
        internal const string InputNotMigrationResult = "InputNotMigrationResult";

        // The steps of a one-user validation (Test-ClerkMigratedUser).
        internal const string CognitoAppClientNotFound = "CognitoAppClientNotFound";
        internal const string CognitoSignInCheckFailed = "CognitoSignInCheckFailed";
        internal const string ClerkPasswordCheckFailed = "ClerkPasswordCheckFailed";

        // Warnings the cmdlets give (Write-Warning); listed here so that no id is declared twice.

        /// <summary>Test-ClerkMigratedUser was given a digest and -UserPoolId or -ClientId: the digest's own pool and client are tested.</summary>
        internal const string DigestOverridesParameters = "DigestOverridesParameters";

        /// <summary>The category that goes with an id, so every cmdlet reports the same problem alike.</summary>
        internal static ErrorCategory CategoryOf(string errorId)
        {
            switch (errorId)
            {
                // The user's Cognito state does not allow a password sign-in.
                case MigrationErrorIds.CognitoUserUnconfirmed:
                case MigrationErrorIds.CognitoUserForceChangePassword:
                case MigrationErrorIds.CognitoUserResetRequired:
                case MigrationErrorIds.CognitoUserExternalProvider:
                case MigrationErrorIds.CognitoUserArchived:
                case MigrationErrorIds.CognitoUserCompromised:
                case MigrationErrorIds.CognitoUserStatusUnknown:
                case RemovalErrorIds.ClerkUserSignedIn:
                case RemovalErrorIds.DeleteRefused:
                    return ErrorCategory.InvalidOperation;
                case MigrationErrorIds.CognitoUserDisabled:
                    return ErrorCategory.NotEnabled;
                case MigrationErrorIds.CognitoUserSubMissing:
                case MigrationErrorIds.IdentifierMissing:
                case CognitoUserPoolNotFound:
                case CognitoAppClientNotFound:
                    return ErrorCategory.ObjectNotFound;
                case MigrationErrorIds.CognitoUserStatusUnrecognized:
                case MigrationErrorIds.CognitoUserStatusMissing:
                case MigrationErrorIds.IdentifierContainsHash:
                case MigrationErrorIds.UserPoolIdInvalid:
                case MigrationErrorIds.DigestInvalid:
                case MigrationErrorIds.ExternalIdMissing:
                case MigrationErrorIds.IdentifierInvalid:
                case MigrationErrorIds.PasswordDigestNotAwsCognito:
                case CognitoUserRecordInvalid:
                case MigrationErrorIds.UserRejected:
                case InputCognitoUserMalformed:
                case InputNotMigrationResult:
                case RemovalErrorIds.ClerkUserChanged:
                case RemovalErrorIds.ClerkUserIdMissing:
                case CognitoUserNotMigratable:
                    return ErrorCategory.InvalidData;
                case InputNotCognitoUser:
                case InputNotStatusRow:
                    return ErrorCategory.InvalidType;
                case MigrationErrorIds.UserPoolIdMissing:
                case MigrationErrorIds.UserPoolIdMismatch:
                case MigrationErrorIds.ClientIdMissing:
                case MigrationErrorIds.ClientIdInvalid:
                case UserPoolIdMalformed:
                case CognitoRegionUnknown:
                case CognitoEndpointUrlInvalid:
                case CognitoInvalidRequest:
                case ClerkSecretKeyMissing:
                case ClerkSecretKeyInvalid:
                case ClerkApiUrlInvalid:
                case MigrationErrorIds.AttributeMapInvalid:
                case ClerkRemovalInputMissing:
                case RemovalErrorIds.ClerkUserNotCreatedByModule:
                case RemovalErrorIds.JournalOtherInstance:
                    return ErrorCategory.InvalidArgument;
                case MigrationErrorIds.IdentifierConflict:
                case MigrationErrorIds.IdentifierExists:
                case MigrationErrorIds.SubConflict:
                    return ErrorCategory.ResourceExists;
                case AwsCredentialsNotFound:
                case AwsCredentialsRejected:
                case ClerkAuthenticationFailed:
                    return ErrorCategory.AuthenticationError;
                case CognitoAccessDenied:
                    return ErrorCategory.PermissionDenied;
                case CognitoThrottled:
                case MigrationErrorIds.ClerkMetadataTooLarge:
                    return ErrorCategory.LimitsExceeded;
                case ClerkUserQuotaExceeded:
                    return ErrorCategory.QuotaExceeded;
                case MigrationErrorIds.RequestFailed:
                case MigrationErrorIds.AccessRecordNotWritten:
                case MigrationErrorIds.AccessNotLifted:
                case CognitoUnreachable:
                case ClerkUnreachable:
                case CognitoSignInCheckFailed:
                case ClerkStatusLookupFailed:
                case RemovalErrorIds.LookupFailed:
                case RemovalErrorIds.DeleteFailed:
                    return ErrorCategory.ConnectionError;
                case CognitoServiceError:
                case CognitoPaginationLoop:
                case CognitoResponseMalformed:
                case MigrationErrorIds.ResponseUnreadable:
                case ClerkPasswordCheckFailed:
                    return ErrorCategory.InvalidResult;
                case ClerkJournalUnavailable:
                    return ErrorCategory.ResourceUnavailable;
                case ClerkJournalWriteFailed:
                    return ErrorCategory.WriteError;
                default:
                    return ErrorCategory.NotSpecified;
            }
        }

        /// <summary>
        /// Which parameter or environment variable to set when the cause of <paramref name="errorId"/> is one:
        /// the engine explains the problem in the domain's words, this says what to do about it in the
        /// module's. Also for the warning ids of <see cref="MigrationWarningIds"/>. Null when there is nothing to add.
        /// </summary>
        internal static string? HintFor(string errorId)
        {
            switch (errorId)
            {
                case MigrationErrorIds.UserPoolIdMissing:
                    return $"Pass -UserPoolId or set $env:{EnvironmentDefaults.UserPoolIdVariable}.";
                case MigrationErrorIds.UserPoolIdMismatch:
                    return "Leave out -UserPoolId to use the pool each user comes from.";
                case MigrationErrorIds.ClientIdMissing:
                    return $"Pass -ClientId or set $env:{EnvironmentDefaults.ClientIdVariable}.";
                case MigrationErrorIds.IdentifierMissing:
                case MigrationErrorIds.IdentifierContainsHash:
                case MigrationErrorIds.IdentifierInvalid:
                    return "Convert this user with another -IdentifierSource that names how they sign in to Cognito, e.g. Username.";
                case MigrationErrorIds.ExternalIdMissing:
                    return "Pipe the users through ConvertTo-ClerkCognitoDigest, which sets external_id from the Cognito sub, or add external_id to each input object.";
                case MigrationErrorIds.CognitoUserStatusMissing:
                    return "Pass objects that carry UserStatus (Get-CognitoMigrationUser, aws cognito-idp list-users and Get-CGIPUserList all do).";
                case MigrationWarningIds.UsernameIsSub:
                    return "Leave out -IncludeUsername if users should not see it.";
                case MigrationErrorIds.CognitoUserDisabled:
                    return "To keep them in Clerk, banned, pass -DisabledUser Ban.";
                case MigrationWarningIds.CognitoUserDisabledBanned:
                    return "Leave out -DisabledUser Ban to skip disabled users instead.";
                case MigrationErrorIds.ClerkMetadataTooLarge:
                    return "Choose what goes into the metadata with -AttributeMap, or leave the largest attributes out of the input.";
                case MigrationErrorIds.AccessRecordNotWritten:
                    return "Unban or unlock the user in Clerk by hand once Cognito enables them again.";
                case MigrationErrorIds.AccessNotLifted:
                    return "Unban or unlock the user in Clerk by hand: the sync will not lift it now that its record is gone.";
                case RemovalErrorIds.ClerkUserSignedIn:
                    return "Run again with -Force to remove users who signed in too.";
                case RemovalErrorIds.ClerkUserChanged:
                    return "-Force does not remove it; remove it by hand if it must go.";
                case CognitoRegionUnknown:
                    return $"Pass -Region or set $env:{EnvironmentDefaults.AwsRegionVariable}.";
                default:
                    return null;
            }
        }

        /// <summary>The engine's words with the hint for <paramref name="errorId"/>, if any, after them.</summary>
        internal static string WithHint(string errorId, string message)
        {
            string? hint = HintFor(errorId);
            return hint == null ? message : message + " " + hint;
        }
    }
}
