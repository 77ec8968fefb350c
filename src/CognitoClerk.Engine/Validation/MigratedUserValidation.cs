namespace CognitoClerk.Engine.Validation
{
    /// <summary>
    /// A one-user validation: the target and its two steps, with the verdict. Passed means Clerk's sign-in
    /// with this digest would succeed as far as could be asked: Cognito accepted the password, and Clerk either
    /// accepted it too, has no such user yet (not migrated), or was not asked.
    /// </summary>
    public sealed class MigratedUserValidation
    {
        public MigratedUserValidation(MigratedUserTarget target, CognitoSignInStep cognito, ClerkPasswordStep clerk)
        {
            Target = target;
            Cognito = cognito;
            Clerk = clerk;
        }

        public MigratedUserTarget Target { get; }

        public CognitoSignInStep Cognito { get; }

        public ClerkPasswordStep Clerk { get; }

        public bool Passed =>
            Cognito.Status == CognitoSignInStatus.Authenticated
            && (Clerk.Status == ClerkPasswordStatus.Verified
                || Clerk.Status == ClerkPasswordStatus.NotRun
                || Clerk.Status == ClerkPasswordStatus.UserNotInClerk);

        /// <summary>Neither step ran (-WhatIf, or both declined): there is nothing to report.</summary>
        public bool NothingRan => Cognito.Status == CognitoSignInStatus.NotRun && Clerk.Status == ClerkPasswordStatus.NotRun;
    }
}
