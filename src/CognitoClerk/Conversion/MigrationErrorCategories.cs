using System.Management.Automation;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Conversion
{
    /// <summary>The ErrorCategory that goes with each ErrorId, so every cmdlet reports a skipped user alike.</summary>
    internal static class MigrationErrorCategories
    {
        internal static ErrorCategory For(string errorId)
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
                    return ErrorCategory.InvalidOperation;
                case MigrationErrorIds.CognitoUserDisabled:
                    return ErrorCategory.NotEnabled;
                case MigrationErrorIds.CognitoUserSubMissing:
                case MigrationErrorIds.IdentifierMissing:
                    return ErrorCategory.ObjectNotFound;
                case MigrationErrorIds.CognitoUserStatusUnrecognized:
                case MigrationErrorIds.CognitoUserStatusMissing:
                case MigrationErrorIds.IdentifierContainsHash:
                case MigrationErrorIds.UserPoolIdInvalid:
                case InputErrorIds.InputCognitoUserMalformed:
                    return ErrorCategory.InvalidData;
                case InputErrorIds.InputNotCognitoUser:
                    return ErrorCategory.InvalidType;
                case MigrationErrorIds.UserPoolIdMissing:
                case MigrationErrorIds.UserPoolIdMismatch:
                case MigrationErrorIds.ClientIdMissing:
                case MigrationErrorIds.ClientIdInvalid:
                case MigrationErrorIds.IdentifierSourceUnresolved:
                case MigrationErrorIds.AttributeMapInvalid:
                    return ErrorCategory.InvalidArgument;
                case MigrationErrorIds.ClerkMetadataTooLarge:
                    return ErrorCategory.LimitsExceeded;
                default:
                    return ErrorCategory.NotSpecified;
            }
        }

        /// <summary>
        /// Problems that are the same for every user (no pool ID anywhere, no client ID): reported once as a
        /// terminating error instead of once per user.
        /// </summary>
        internal static bool IsSetupProblem(string errorId) =>
            errorId == MigrationErrorIds.UserPoolIdMissing
            || errorId == MigrationErrorIds.ClientIdMissing
            || errorId == MigrationErrorIds.ClientIdInvalid
            || errorId == MigrationErrorIds.IdentifierSourceUnresolved;
    }
}
