using System;
using System.Collections.Generic;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Engine.Readiness
{
    /// <summary>
    /// The app client Clerk will call: it exists in the pool (DescribeUserPoolClient), has no secret (the
    /// awscognito digest has no place for one) and allows USER_PASSWORD_AUTH (the only flow Clerk uses).
    /// </summary>
    public static class AppClientChecks
    {
        public static IReadOnlyList<ReadinessCheckResult> NoClientGiven(MigrationReadinessRequest request)
        {
            return new[]
            {
                ReadinessCheckResult.Fail(
                    ReadinessCheckNames.AppClient,
                    ReadinessSeverity.Error,
                    "No app client was given. Clerk needs the ID of a public app client of the pool (no secret, ALLOW_USER_PASSWORD_AUTH): it goes into every user's password digest.",
                    "To see the pool's clients: " + request.Cli.ListUserPoolClients(request.UserPoolId) +
                    " ; or create a public client for the migration: " + request.Cli.CreateMigrationClient(request.UserPoolId),
                    ReadinessSettings.ClientId),
                ReadinessCheckResult.Skip(ReadinessCheckNames.ClientSecret, "no app client was given."),
                ReadinessCheckResult.Skip(ReadinessCheckNames.UserPasswordAuth, "no app client was given."),
            };
        }

        public static IReadOnlyList<ReadinessCheckResult> Unreadable(Exception exception, MigrationReadinessRequest request)
        {
            string clientId = request.ClientId ?? string.Empty;
            return new[]
            {
                CognitoCallFailure.Describe(
                    ReadinessCheckNames.AppClient,
                    "DescribeUserPoolClient",
                    exception,
                    request,
                    $"There is no app client {clientId} in pool {request.UserPoolId}.",
                    "Check the client ID against the pool's clients: " + request.Cli.ListUserPoolClients(request.UserPoolId) +
                    " ; or create a public client for the migration and use its ID: " + request.Cli.CreateMigrationClient(request.UserPoolId),
                    ReadinessSettings.ClientId),
                ReadinessCheckResult.Skip(ReadinessCheckNames.ClientSecret, "the app client could not be read."),
                ReadinessCheckResult.Skip(ReadinessCheckNames.UserPasswordAuth, "the app client could not be read."),
            };
        }

        public static IReadOnlyList<ReadinessCheckResult> PoolUnreadable()
        {
            return new[]
            {
                ReadinessCheckResult.Skip(ReadinessCheckNames.AppClient, "the user pool could not be read."),
                ReadinessCheckResult.Skip(ReadinessCheckNames.ClientSecret, "the user pool could not be read."),
                ReadinessCheckResult.Skip(ReadinessCheckNames.UserPasswordAuth, "the user pool could not be read."),
            };
        }

        public static IReadOnlyList<ReadinessCheckResult> Evaluate(CognitoUserPoolClient client, MigrationReadinessRequest request)
        {
            string name = string.IsNullOrEmpty(client.ClientName) ? client.ClientId : $"'{client.ClientName}' ({client.ClientId})";
            return new[]
            {
                ReadinessCheckResult.Pass(ReadinessCheckNames.AppClient, $"App client {name} belongs to pool {request.UserPoolId}."),
                ClientSecret(client, request),
                UserPasswordAuth(client, request),
            };
        }

        private static ReadinessCheckResult ClientSecret(CognitoUserPoolClient client, MigrationReadinessRequest request)
        {
            if (!client.HasClientSecret)
            {
                return ReadinessCheckResult.Pass(
                    ReadinessCheckNames.ClientSecret,
                    "The client has no secret (a public client), so Clerk can call InitiateAuth with it.");
            }

            return ReadinessCheckResult.Fail(
                ReadinessCheckNames.ClientSecret,
                ReadinessSeverity.Error,
                "The client has a client secret. The awscognito digest has no place for a secret, so Cognito would refuse every InitiateAuth Clerk makes with this client, and a client's secret cannot be removed.",
                "Create a public client for the migration (existing apps keep theirs) and use its ID: " +
                request.Cli.CreateMigrationClient(request.UserPoolId),
                ReadinessSettings.ClientId);
        }

        private static ReadinessCheckResult UserPasswordAuth(CognitoUserPoolClient client, MigrationReadinessRequest request)
        {
            IReadOnlyList<string> flows = client.ExplicitAuthFlows;
            if (AuthFlowNames.AllowsUserPasswordAuth(flows))
            {
                return ReadinessCheckResult.Pass(
                    ReadinessCheckNames.UserPasswordAuth,
                    $"ExplicitAuthFlows ({string.Join(", ", flows)}) allow USER_PASSWORD_AUTH, the flow Clerk calls.");
            }

            string current = flows == null || flows.Count == 0
                ? $"not set, so Cognito's defaults apply ({string.Join(", ", AuthFlowNames.CognitoDefaults)})"
                : string.Join(", ", flows);
            string detail =
                $"ExplicitAuthFlows ({current}) do not include {AuthFlowNames.AllowUserPasswordAuth}: Cognito refuses the USER_PASSWORD_AUTH call Clerk makes at each user's first sign-in (Clerk reports aws_cognito_user_password_auth_not_enabled).";

            if (client.HasClientSecret)
            {
                return ReadinessCheckResult.Fail(
                    ReadinessCheckNames.UserPasswordAuth,
                    ReadinessSeverity.Error,
                    detail,
                    "This client has a secret, so it cannot serve the migration whatever its flows: create a public client with the flow (see ClientSecret): " +
                    request.Cli.CreateMigrationClient(request.UserPoolId));
            }

            string update = request.Cli.UpdateClientAuthFlows(
                request.UserPoolId, client.ClientId, client.ClientName, AuthFlowNames.WithUserPasswordAuth(flows), client.PreventUserExistenceErrors);
            string legacy = AuthFlowNames.HasLegacyFlows(flows)
                ? " The client's legacy flows are written as their ALLOW_ equivalents (Cognito refuses a mix), with SRP and refresh tokens, which legacy clients allowed."
                : string.Empty;
            string fix =
                "Add the flow and keep the client's current ones: " + update + "." + legacy +
                " CAUTION: update-user-pool-client resets every setting it is not given (callback and sign-out URLs, OAuth flows and scopes, identity providers, token validity, read and write attributes, ...) to its default. " +
                "Read the client first with " + request.Cli.DescribeUserPoolClient(request.UserPoolId, client.ClientId) +
                " and add those settings to the command, or leave this client alone and create a public client for the migration instead: " +
                request.Cli.CreateMigrationClient(request.UserPoolId);
            return ReadinessCheckResult.Fail(ReadinessCheckNames.UserPasswordAuth, ReadinessSeverity.Error, detail, fix);
        }
    }
}
