using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Engine.Readiness
{
    /// <summary>
    /// Whether the identifier the digest will hold is a name the pool accepts as USERNAME in InitiateAuth,
    /// given its sign-in settings, with a recommendation.
    /// <para>
    /// The recommendation is always Username, in every kind of pool. Cognito accepts a user's Username as
    /// USERNAME in InitiateAuth whatever the pool's sign-in settings: in a username pool it is the name itself;
    /// in an alias pool the username works for every user, while an email or phone alias works only once
    /// verified; in an email- or phone-as-username pool (UsernameAttributes) Cognito made the Username the
    /// user's sub, which it accepts like the email or phone. Unlike an email, phone number or
    /// preferred_username, the Username can never change between the export and the user's first Clerk
    /// sign-in, and every user has one. No pool setting makes another source safer.
    /// </para>
    /// </summary>
    public static class IdentifierSourceCheck
    {
        private const string UseUsername =
            "Username, the default, works: Cognito accepts every user's Username, and it never changes.";

        public static ReadinessCheckResult PoolUnreadable(IdentifierSource requested)
        {
            return ReadinessCheckResult.Skip(
                ReadinessCheckNames.IdentifierSource,
                $"the user pool could not be read, so its sign-in settings are unknown ({requested} was asked for).");
        }

        public static ReadinessCheckResult Evaluate(CognitoUserPool pool, IdentifierSource requested)
        {
            var settings = new PoolSignInSettings(pool);
            string lead = $"In this pool {settings.Describe()}.";
            string @case = " " + settings.DescribeCase();

            switch (requested)
            {
                case IdentifierSource.Username:
                    return ReadinessCheckResult.Pass(
                        ReadinessCheckNames.IdentifierSource,
                        lead + " Username works: Cognito accepts a user's Username for sign-in in every kind of pool." + @case);

                case IdentifierSource.Sub:
                    return settings.UsesUsernameAttributes
                        ? ReadinessCheckResult.Pass(
                            ReadinessCheckNames.IdentifierSource,
                            lead + " Sub works: here the sub is each user's Username." + @case)
                        : ReadinessCheckResult.Fail(
                            ReadinessCheckNames.IdentifierSource,
                            ReadinessSeverity.Warning,
                            lead + " Sub is not a sign-in name here: the sub is not the Username in a pool where users choose a username, and Cognito does not promise to accept it as USERNAME in InitiateAuth." + @case,
                            UseUsername,
                            ReadinessSettings.IdentifierSource);

                case IdentifierSource.Email:
                    return Attribute(settings, lead, @case, PoolSignInSettings.EmailAttribute, "Email", "email", "EmailVerified");

                case IdentifierSource.PhoneNumber:
                    return Attribute(settings, lead, @case, PoolSignInSettings.PhoneNumberAttribute, "PhoneNumber", "phone number", "PhoneNumberVerified");

                default:
                    return PreferredUsername(settings, lead, @case);
            }
        }

        private static ReadinessCheckResult Attribute(PoolSignInSettings settings, string lead, string @case, string attribute, string source, string words, string verifiedProperty)
        {
            if (settings.IsUsernameAttribute(attribute))
            {
                return ReadinessCheckResult.Pass(
                    ReadinessCheckNames.IdentifierSource,
                    lead + $" {source} works: the {words} is a sign-in name here. Users without one are skipped, and a user who changes it in Cognito before their first Clerk sign-in will fail; Username has neither problem." + @case,
                    UseUsername,
                    ReadinessSettings.IdentifierSource);
            }

            if (settings.IsAlias(attribute))
            {
                return ReadinessCheckResult.Fail(
                    ReadinessCheckNames.IdentifierSource,
                    ReadinessSeverity.Warning,
                    lead + $" {source} works only for some users: Cognito accepts a {words} alias only once it is verified, so users with an unverified {words} would fail Clerk's sign-in." + @case,
                    UseUsername + $" Or keep {source} and migrate only verified users: Get-CognitoMigrationUser | Where-Object {verifiedProperty} | ...",
                    ReadinessSettings.IdentifierSource);
            }

            return ReadinessCheckResult.Fail(
                ReadinessCheckNames.IdentifierSource,
                ReadinessSeverity.Error,
                lead + $" {source} does not work: the {words} is neither a username attribute nor an alias of this pool, so Cognito would refuse every Clerk sign-in." + @case,
                UseUsername,
                ReadinessSettings.IdentifierSource);
        }

        private static ReadinessCheckResult PreferredUsername(PoolSignInSettings settings, string lead, string @case)
        {
            if (settings.IsAlias(PoolSignInSettings.PreferredUsernameAttribute))
            {
                return ReadinessCheckResult.Pass(
                    ReadinessCheckNames.IdentifierSource,
                    lead + " PreferredUsername works: it is an alias here. Users without one are skipped, and a user who changes it before their first Clerk sign-in will fail; Username has neither problem." + @case,
                    UseUsername,
                    ReadinessSettings.IdentifierSource);
            }

            return ReadinessCheckResult.Fail(
                ReadinessCheckNames.IdentifierSource,
                ReadinessSeverity.Error,
                lead + " PreferredUsername does not work: preferred_username is not an alias of this pool, so Cognito would refuse every Clerk sign-in." + @case,
                UseUsername,
                ReadinessSettings.IdentifierSource);
        }
    }
}
