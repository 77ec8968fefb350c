using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace CognitoClerk.Engine.Readiness
{
    /// <summary>
    /// The exact <c>aws cognito-idp ...</c> commands the checks suggest, aimed at the same region, profile
    /// and endpoint the module used, so an admin can paste them as they are. Every value that goes in is
    /// an ID or name whose Cognito pattern excludes quotes; values with spaces are single-quoted, which
    /// PowerShell, bash and zsh read alike.
    /// </summary>
    public sealed class AwsCliCommands
    {
        /// <summary>The name suggested for a new public client made for the migration.</summary>
        public const string MigrationClientName = "clerk-migration";

        private readonly string? _region;
        private readonly string? _profileName;
        private readonly string? _endpointUrl;

        public AwsCliCommands(string? region, string? profileName, string? endpointUrl)
        {
            _region = region;
            _profileName = profileName;
            _endpointUrl = endpointUrl;
        }

        public string ListUserPools() => Build("list-user-pools", "--max-results", "60");

        public string ListUserPoolClients(string userPoolId) =>
            Build("list-user-pool-clients", "--user-pool-id", userPoolId);

        public string DescribeUserPoolClient(string userPoolId, string clientId) =>
            Build("describe-user-pool-client", "--user-pool-id", userPoolId, "--client-id", clientId);

        /// <summary>A public client (no secret) that allows exactly what Clerk needs.</summary>
        public string CreateMigrationClient(string userPoolId) =>
            Build(
                "create-user-pool-client", "--user-pool-id", userPoolId, "--client-name", MigrationClientName,
                "--no-generate-secret", "--explicit-auth-flows", AuthFlowNames.AllowUserPasswordAuth, AuthFlowNames.AllowRefreshTokenAuth);

        /// <summary>
        /// update-user-pool-client with the given flows and the client's name and existence-error setting kept.
        /// The command resets everything else it is not given; callers must say so next to it.
        /// </summary>
        public string UpdateClientAuthFlows(string userPoolId, string clientId, string? clientName, IEnumerable<string> explicitAuthFlows, string? preventUserExistenceErrors)
        {
            var arguments = new List<string> { "--user-pool-id", userPoolId, "--client-id", clientId };
            if (!string.IsNullOrEmpty(clientName))
            {
                arguments.Add("--client-name");
                arguments.Add(clientName!);
            }

            arguments.Add("--explicit-auth-flows");
            arguments.AddRange(explicitAuthFlows);
            if (!string.IsNullOrEmpty(preventUserExistenceErrors))
            {
                arguments.Add("--prevent-user-existence-errors");
                arguments.Add(preventUserExistenceErrors!);
            }

            return Build("update-user-pool-client", arguments.ToArray());
        }

        public string GetUserPoolMfaConfig(string userPoolId) =>
            Build("get-user-pool-mfa-config", "--user-pool-id", userPoolId);

        public string AdminGetUser(string userPoolId, string username) =>
            Build("admin-get-user", "--user-pool-id", userPoolId, "--username", username);

        /// <summary>Which identity the AWS CLI signs with, for permission problems.</summary>
        public string GetCallerIdentity()
        {
            var text = new StringBuilder("aws sts get-caller-identity");
            AppendConnection(text, includeEndpoint: false);
            return text.ToString();
        }

        private string Build(string operation, params string[] arguments)
        {
            var text = new StringBuilder("aws cognito-idp ").Append(operation);
            foreach (string argument in arguments)
            {
                text.Append(' ').Append(Quote(argument));
            }

            AppendConnection(text, includeEndpoint: true);
            return text.ToString();
        }

        private void AppendConnection(StringBuilder text, bool includeEndpoint)
        {
            if (!string.IsNullOrEmpty(_region))
            {
                text.Append(" --region ").Append(Quote(_region!));
            }

            if (!string.IsNullOrEmpty(_profileName))
            {
                text.Append(" --profile ").Append(Quote(_profileName!));
            }

            if (includeEndpoint && !string.IsNullOrEmpty(_endpointUrl))
            {
                text.Append(" --endpoint-url ").Append(Quote(_endpointUrl!));
            }
        }

        private static string Quote(string value)
        {
            bool plain = value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || "-_.:/+=@,".IndexOf(c) >= 0);
            return plain ? value : "'" + value.Replace("'", "''") + "'";
        }
    }
}
