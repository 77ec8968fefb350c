using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>Maps Cognito's JSON answers to the engine's types. Tolerant of absent fields, strict about shapes it relies on.</summary>
    internal static class CognitoJsonReader
    {
        internal static CognitoUserPage ReadUserPage(JsonElement root, string userPoolId) => ReadUserPage(root, userPoolId, "PaginationToken");

        /// <param name="tokenName">PaginationToken for ListUsers, NextToken for ListUsersInGroup.</param>
        internal static CognitoUserPage ReadUserPage(JsonElement root, string userPoolId, string tokenName)
        {
            var users = new List<CognitoUser>();
            if (root.TryGetProperty("Users", out JsonElement array) && array.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in array.EnumerateArray())
                {
                    users.Add(ReadUser(item, userPoolId));
                }
            }

            string? token = ReadString(root, tokenName);
            return new CognitoUserPage(users, string.IsNullOrEmpty(token) ? null : token);
        }

        internal static CognitoGroupPage ReadGroupPage(JsonElement root)
        {
            var groups = new List<CognitoGroup>();
            if (root.TryGetProperty("Groups", out JsonElement array) && array.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in array.EnumerateArray())
                {
                    string name = ReadString(item, "GroupName") ?? throw new JsonException("A ListGroups entry has no GroupName.");
                    int? precedence = item.TryGetProperty("Precedence", out JsonElement value)
                        && value.ValueKind == JsonValueKind.Number
                        && value.TryGetInt32(out int number)
                            ? number
                            : (int?)null;
                    groups.Add(new CognitoGroup(name, precedence));
                }
            }

            string? token = ReadString(root, "NextToken");
            return new CognitoGroupPage(groups, string.IsNullOrEmpty(token) ? null : token);
        }

        internal static CognitoUser ReadUser(JsonElement item, string? userPoolId)
        {
            string username = ReadString(item, "Username")
                ?? throw new JsonException("A ListUsers entry has no Username.");

            var attributes = new List<KeyValuePair<string, string?>>();

            // ListUsers says Attributes, AdminGetUser says UserAttributes.
            if ((item.TryGetProperty("Attributes", out JsonElement list) || item.TryGetProperty("UserAttributes", out list))
                && list.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement attribute in list.EnumerateArray())
                {
                    string? name = ReadString(attribute, "Name");
                    if (name != null)
                    {
                        // Only Name is required by the model: a Value may be absent.
                        attributes.Add(new KeyValuePair<string, string?>(name, ReadString(attribute, "Value")));
                    }
                }
            }

            return new CognitoUser(username, attributes)
            {
                UserStatus = ReadString(item, "UserStatus"),
                Enabled = ReadBoolean(item, "Enabled"),
                UserCreateDate = ReadTimestamp(item, "UserCreateDate"),
                UserLastModifiedDate = ReadTimestamp(item, "UserLastModifiedDate"),
                UserPoolId = userPoolId,
            };
        }

        internal static CognitoUserPool ReadUserPool(JsonElement root)
        {
            JsonElement pool = root.TryGetProperty("UserPool", out JsonElement inner) ? inner : root;
            var result = new CognitoUserPool
            {
                Id = ReadString(pool, "Id") ?? string.Empty,
                Name = ReadString(pool, "Name"),
                UsernameAttributes = ReadStringArray(pool, "UsernameAttributes"),
                AliasAttributes = ReadStringArray(pool, "AliasAttributes"),
                MfaConfiguration = ReadString(pool, "MfaConfiguration"),
            };

            if (pool.TryGetProperty("EstimatedNumberOfUsers", out JsonElement estimate)
                && estimate.ValueKind == JsonValueKind.Number
                && estimate.TryGetInt32(out int count))
            {
                result.EstimatedNumberOfUsers = count;
            }

            if (pool.TryGetProperty("UsernameConfiguration", out JsonElement usernameConfiguration)
                && usernameConfiguration.ValueKind == JsonValueKind.Object)
            {
                result.UsernameCaseSensitive = ReadBoolean(usernameConfiguration, "CaseSensitive");
            }

            var triggers = new Dictionary<string, string>(StringComparer.Ordinal);
            if (pool.TryGetProperty("LambdaConfig", out JsonElement lambdaConfig) && lambdaConfig.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty trigger in lambdaConfig.EnumerateObject())
                {
                    // Most triggers are an ARN; the newer ones (CustomSMSSender, PreTokenGenerationConfig) are objects holding one.
                    string? arn = trigger.Value.ValueKind == JsonValueKind.String ? trigger.Value.GetString()
                        : trigger.Value.ValueKind == JsonValueKind.Object ? ReadString(trigger.Value, "LambdaArn")
                        : null;
                    if (!string.IsNullOrEmpty(arn))
                    {
                        triggers[trigger.Name] = arn!;
                    }
                }
            }

            result.LambdaTriggers = triggers;
            return result;
        }

        internal static CognitoUserPoolClient ReadUserPoolClient(JsonElement root)
        {
            JsonElement client = root.TryGetProperty("UserPoolClient", out JsonElement inner) ? inner : root;

            // Only whether a secret exists is kept; its value is never copied out of the answer.
            bool hasSecret = client.TryGetProperty("ClientSecret", out JsonElement secret)
                && secret.ValueKind == JsonValueKind.String
                && secret.GetString()!.Length > 0;

            return new CognitoUserPoolClient
            {
                ClientId = ReadString(client, "ClientId") ?? string.Empty,
                ClientName = ReadString(client, "ClientName"),
                HasClientSecret = hasSecret,
                ExplicitAuthFlows = ReadStringArray(client, "ExplicitAuthFlows"),
                PreventUserExistenceErrors = ReadString(client, "PreventUserExistenceErrors"),
            };
        }

        /// <summary>
        /// Cognito sends epoch seconds as JSON numbers with a fraction (1682955829.578, also 1.682955829578E9);
        /// an emulator may send a string. Read by <see cref="CognitoTimestamp"/>; null when absent or not a date.
        /// </summary>
        internal static DateTimeOffset? ReadTimestamp(JsonElement element, string name)
        {
            if (!element.TryGetProperty(name, out JsonElement value))
            {
                return null;
            }

            DateTimeOffset? result;
            switch (value.ValueKind)
            {
                case JsonValueKind.Number:
                    return CognitoTimestamp.TryFromEpochSeconds(value.GetDouble(), out result) ? result : null;
                case JsonValueKind.String:
                    return CognitoTimestamp.TryReadText(value.GetString(), out result) ? result : null;
                default:
                    return null;
            }
        }

        internal static string? ReadString(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty(name, out JsonElement value)
            && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;

        private static bool? ReadBoolean(JsonElement element, string name)
        {
            if (!element.TryGetProperty(name, out JsonElement value))
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.True ? true
                : value.ValueKind == JsonValueKind.False ? false
                : (bool?)null;
        }

        private static IReadOnlyList<string> ReadStringArray(JsonElement element, string name)
        {
            if (!element.TryGetProperty(name, out JsonElement array) || array.ValueKind != JsonValueKind.Array)
            {
                return Array.Empty<string>();
            }

            var values = new List<string>();
            foreach (JsonElement item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    values.Add(item.GetString()!);
                }
            }

            return values;
        }
    }
}
