using CognitoClerk.Engine.Readiness;
using CognitoClerk.Engine.Validation;
using EngineClerkStatus = CognitoClerk.Engine.Validation.ClerkPasswordStatus;
using EngineCognitoStatus = CognitoClerk.Engine.Validation.CognitoSignInStatus;

namespace CognitoClerk.Conversion
{
    /// <summary>The two engine steps of a one-user validation to the public <see cref="MigratedUserValidationResult"/>.</summary>
    internal static class ValidationResultConverter
    {
        /// <summary>Field by field; the details get the cmdlet's hint of what to run next where the engine names none.</summary>
        internal static MigratedUserValidationResult ToPublic(MigratedUserValidation validation)
        {
            MigratedUserTarget target = validation.Target;
            CognitoSignInStep cognito = validation.Cognito;
            ClerkPasswordStep clerk = validation.Clerk;
            return new MigratedUserValidationResult
            {
                Identifier = target.Identifier,
                Passed = validation.Passed,
                CognitoStatus = ToPublic(cognito.Status).ToString(),
                CognitoChallenge = cognito.ChallengeName,
                CognitoDetail = cognito.Status == EngineCognitoStatus.UserNotFound
                    ? cognito.Detail + " Check -IdentifierSource (Test-CognitoMigrationReadiness)."
                    : cognito.Detail,
                ClerkStatus = ToPublic(clerk.Status).ToString(),
                ClerkUserId = clerk.ClerkUserId,
                ClerkDetail = clerk.Status == EngineClerkStatus.UserNotInClerk && clerk.ClerkUserId == null
                    ? clerk.Detail + " New-ClerkMigratedUser migrates them."
                    : clerk.Detail,
                ClerkErrorCode = clerk.ErrorCode,
                ClerkTraceId = clerk.TraceId,
                UserPoolId = target.UserPoolId,
                ClientId = target.ClientId,
                ExternalId = target.ExternalId,
            };
        }

        private static CognitoSignInStatus ToPublic(EngineCognitoStatus status) => status switch
        {
            EngineCognitoStatus.Authenticated => CognitoSignInStatus.Authenticated,
            EngineCognitoStatus.WrongPassword => CognitoSignInStatus.WrongPassword,
            EngineCognitoStatus.UserNotFound => CognitoSignInStatus.UserNotFound,
            EngineCognitoStatus.UserNotConfirmed => CognitoSignInStatus.UserNotConfirmed,
            EngineCognitoStatus.PasswordResetRequired => CognitoSignInStatus.PasswordResetRequired,
            EngineCognitoStatus.Challenge => CognitoSignInStatus.Challenge,
            EngineCognitoStatus.Failed => CognitoSignInStatus.Failed,
            _ => CognitoSignInStatus.NotRun,
        };

        private static ClerkPasswordStatus ToPublic(EngineClerkStatus status) => status switch
        {
            EngineClerkStatus.UserNotInClerk => ClerkPasswordStatus.UserNotInClerk,
            EngineClerkStatus.Verified => ClerkPasswordStatus.Verified,
            EngineClerkStatus.IncorrectPassword => ClerkPasswordStatus.IncorrectPassword,
            EngineClerkStatus.NoPasswordSet => ClerkPasswordStatus.NoPasswordSet,
            EngineClerkStatus.Failed => ClerkPasswordStatus.Failed,
            _ => ClerkPasswordStatus.NotRun,
        };
    }
}
