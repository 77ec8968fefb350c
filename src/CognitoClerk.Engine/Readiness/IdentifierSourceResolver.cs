using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Engine.Readiness
{
    /// <summary>
    /// Turns <see cref="IdentifierSource.Auto"/> into a concrete source.
    /// <para>
    /// The rule: Auto is <see cref="IdentifierSource.Username"/>, in every kind of pool. Cognito accepts a
    /// user's Username as USERNAME in InitiateAuth whatever the pool's sign-in settings: in a username pool
    /// it is the name itself; in an alias pool the username works for every user, while an email or phone
    /// alias works only once verified; in an email- or phone-as-username pool (UsernameAttributes) Cognito
    /// made the Username the user's sub, which it accepts like the email or phone. Unlike an email, phone
    /// number or preferred_username, the Username can never change between the export and the user's first
    /// Clerk sign-in, and every user has one. No pool setting makes another source safer, so the pool's
    /// settings only change the explanation, not the choice; they are taken when known so that the
    /// explanation names the pool's own sign-in mode.
    /// </para>
    /// </summary>
    public static class IdentifierSourceResolver
    {
        /// <summary>Resolves <paramref name="requested"/>; <paramref name="pool"/> may be null when it was not read.</summary>
        public static IdentifierSourceResolution Resolve(IdentifierSource requested, CognitoUserPool? pool)
        {
            if (requested != IdentifierSource.Auto)
            {
                return new IdentifierSourceResolution(requested, false, $"{requested} was asked for.");
            }

            string reason;
            if (pool == null)
            {
                reason = "Auto chose Username: Cognito accepts a user's Username for sign-in in every kind of pool, and it never changes.";
            }
            else
            {
                var settings = new PoolSignInSettings(pool);
                string why = settings.UsesUsernameAttributes
                    ? "Cognito accepts that sub like the email or phone, and unlike them it never changes"
                    : settings.AliasAttributes.Count > 0
                        ? "the username works for every user, while an alias works only once verified"
                        : "it is the only name they sign in with";
                reason = $"Auto chose Username: in pool {pool.Id} {settings.Describe()}; {why}.";
            }

            return new IdentifierSourceResolution(IdentifierSource.Username, true, reason);
        }
    }
}
