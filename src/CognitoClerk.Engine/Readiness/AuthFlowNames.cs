using System;
using System.Collections.Generic;
using System.Linq;

namespace CognitoClerk.Engine.Readiness
{
    /// <summary>
    /// An app client's ExplicitAuthFlows, read the way Cognito reads them: an unset list means Cognito's
    /// defaults (no USER_PASSWORD), and the legacy values (without ALLOW_) cannot be mixed with the new ones.
    /// </summary>
    public static class AuthFlowNames
    {
        public const string AllowUserPasswordAuth = "ALLOW_USER_PASSWORD_AUTH";
        public const string AllowRefreshTokenAuth = "ALLOW_REFRESH_TOKEN_AUTH";
        public const string AllowUserSrpAuth = "ALLOW_USER_SRP_AUTH";
        public const string AllowCustomAuth = "ALLOW_CUSTOM_AUTH";
        public const string AllowAdminUserPasswordAuth = "ALLOW_ADMIN_USER_PASSWORD_AUTH";
        public const string LegacyUserPasswordAuth = "USER_PASSWORD_AUTH";
        public const string LegacyAdminNoSrpAuth = "ADMIN_NO_SRP_AUTH";
        public const string LegacyCustomAuthFlowOnly = "CUSTOM_AUTH_FLOW_ONLY";

        /// <summary>What Cognito allows when a client's ExplicitAuthFlows is not set.</summary>
        public static readonly IReadOnlyList<string> CognitoDefaults = new[] { AllowRefreshTokenAuth, AllowUserSrpAuth, AllowCustomAuth };

        private static readonly Dictionary<string, string> LegacyEquivalents = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [LegacyUserPasswordAuth] = AllowUserPasswordAuth,
            [LegacyAdminNoSrpAuth] = AllowAdminUserPasswordAuth,
            [LegacyCustomAuthFlowOnly] = AllowCustomAuth,
        };

        /// <summary>Whether Cognito accepts USER_PASSWORD_AUTH, the flow Clerk calls, from this client.</summary>
        public static bool AllowsUserPasswordAuth(IReadOnlyList<string>? explicitAuthFlows) =>
            explicitAuthFlows != null
            && explicitAuthFlows.Any(f => f == AllowUserPasswordAuth || f == LegacyUserPasswordAuth);

        /// <summary>The flows the client allows today, with Cognito's defaults standing in for an unset list.</summary>
        public static IReadOnlyList<string> Effective(IReadOnlyList<string>? explicitAuthFlows) =>
            explicitAuthFlows == null || explicitAuthFlows.Count == 0 ? CognitoDefaults : explicitAuthFlows;

        /// <summary>
        /// The client's flows plus ALLOW_USER_PASSWORD_AUTH, for update-user-pool-client: nothing the client
        /// allows today is taken away. Legacy values are written as their ALLOW_ equivalents, because
        /// Cognito refuses a list that mixes the two, and legacy clients also allowed SRP and refresh tokens.
        /// </summary>
        public static IReadOnlyList<string> WithUserPasswordAuth(IReadOnlyList<string>? explicitAuthFlows)
        {
            IReadOnlyList<string> current = Effective(explicitAuthFlows);
            bool legacy = current.Any(f => LegacyEquivalents.ContainsKey(f));
            var flows = new List<string>();
            foreach (string flow in current)
            {
                Add(flows, LegacyEquivalents.TryGetValue(flow, out string? modern) ? modern : flow);
            }

            if (legacy)
            {
                Add(flows, AllowUserSrpAuth);
                Add(flows, AllowRefreshTokenAuth);
            }

            Add(flows, AllowUserPasswordAuth);
            return flows;
        }

        public static bool HasLegacyFlows(IReadOnlyList<string>? explicitAuthFlows) =>
            explicitAuthFlows != null && explicitAuthFlows.Any(f => LegacyEquivalents.ContainsKey(f));

        private static void Add(List<string> flows, string flow)
        {
            if (!flows.Contains(flow, StringComparer.Ordinal))
            {
                flows.Add(flow);
            }
        }
    }
}
