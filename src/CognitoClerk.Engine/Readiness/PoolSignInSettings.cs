using System;
using System.Collections.Generic;
using System.Linq;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Engine.Readiness
{
    /// <summary>
    /// Which names a pool accepts as USERNAME in InitiateAuth, from DescribeUserPool's UsernameAttributes
    /// and AliasAttributes (a pool has one or the other, never both).
    /// </summary>
    public sealed class PoolSignInSettings
    {
        public const string EmailAttribute = "email";
        public const string PhoneNumberAttribute = "phone_number";
        public const string PreferredUsernameAttribute = "preferred_username";

        public PoolSignInSettings(CognitoUserPool pool)
        {
            if (pool == null)
            {
                throw new ArgumentNullException(nameof(pool));
            }

            UsernameAttributes = pool.UsernameAttributes ?? Array.Empty<string>();
            AliasAttributes = pool.AliasAttributes ?? Array.Empty<string>();
            CaseSensitive = pool.UsernameCaseSensitive;
        }

        public IReadOnlyList<string> UsernameAttributes { get; }

        public IReadOnlyList<string> AliasAttributes { get; }

        /// <summary>Null when Cognito did not say: a legacy pool, which is case-sensitive.</summary>
        public bool? CaseSensitive { get; }

        public bool IsCaseSensitive => CaseSensitive != false;

        /// <summary>Email and/or phone replace the username; Cognito made each user's Username their sub.</summary>
        public bool UsesUsernameAttributes => UsernameAttributes.Count > 0;

        public bool IsUsernameAttribute(string attribute) => UsernameAttributes.Contains(attribute, StringComparer.Ordinal);

        public bool IsAlias(string attribute) => AliasAttributes.Contains(attribute, StringComparer.Ordinal);

        /// <summary>How users of this pool sign in, in words.</summary>
        public string Describe()
        {
            if (UsesUsernameAttributes)
            {
                return $"users sign in with their {JoinAttributes(UsernameAttributes)} (UsernameAttributes), and each user's Cognito Username is their sub";
            }

            if (AliasAttributes.Count > 0)
            {
                return $"users sign in with their username or, as an alias, their {JoinAttributes(AliasAttributes)} (AliasAttributes)";
            }

            return "users sign in with their username only (no UsernameAttributes or AliasAttributes)";
        }

        public string DescribeCase() => CaseSensitive switch
        {
            false => "Names are case-insensitive in this pool.",
            true => "Names are case-sensitive in this pool: the digest keeps the identifier exactly as Cognito stores it, which is what the pool needs.",
            _ => "Names are case-sensitive in this pool (it predates UsernameConfiguration): the digest keeps the identifier exactly as Cognito stores it, which is what the pool needs.",
        };

        private static string JoinAttributes(IReadOnlyList<string> attributes) =>
            string.Join(" or ", attributes.Select(a => a == PhoneNumberAttribute ? "phone number" : a == PreferredUsernameAttribute ? "preferred_username" : a));
    }
}
