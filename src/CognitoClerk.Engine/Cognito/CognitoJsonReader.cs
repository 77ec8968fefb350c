using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>Maps Cognito's JSON answers to the engine's types. Tolerant of absent fields, strict about shapes it relies on.</summary>
    internal static class CognitoJsonReader
    {
        /// <summary>
        /// A ListUsers (or ListUsersInGroup) page. An entry that is not a readable user is set aside in
        /// <see cref="CognitoUserPage.Rejected"/> with the reason, and the rest of the page is read: one bad record
        /// must not cost the whole listing.
        /// </summary>
        /// <exception cref="CognitoAnswerShapeException">The page itself is not the operation's shape (not an object, Users not a list, a token that is not text).</exception>
        internal static CognitoUserPage ReadUserPage(JsonElement root, string userPoolId) => ReadUserPage(root, userPoolId, "PaginationToken");

        /// <inheritdoc cref="ReadUserPage(JsonElement, string)"/>
        /// <param name="tokenName">PaginationToken for ListUsers, NextToken for ListUsersInGroup.</param>
        internal static CognitoUserPage ReadUserPage(JsonElement root, string userPoolId, string tokenName)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CognitoAnswerShapeException($"the page is a JSON {Describe(root.ValueKind)}, not an object with Users");
            }

            var users = new List<CognitoUser>();
            var rejected = new List<CognitoRejectedRecord>();
            if (root.TryGetProperty("Users", out JsonElement array))
            {
                if (array.ValueKind != JsonValueKind.Array)
                {
                    throw new CognitoAnswerShapeException($"Users is a JSON {Describe(array.ValueKind)}, not a list");
                }

                int position = 0;
                foreach (JsonElement item in array.EnumerateArray())
                {
                    try
                    {
                        users.Add(ReadUser(item, userPoolId));
                    }
                    catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is FormatException
                                               || ex is ArgumentException || ex is OverflowException)
                    {
                        string? username = item.ValueKind == JsonValueKind.Object ? ReadString(item, "Username") : null;
                        rejected.Add(new CognitoRejectedRecord(position, username, ex.Message));
                    }

                    position++;
                }
            }

            string? token = ReadToken(root, tokenName);
            return new CognitoUserPage(users, string.IsNullOrEmpty(token) ? null : token, rejected);
        }

        /// <summary>The page's token; a token that is there but is not text is no page of Cognito's.</summary>
        private static string? ReadToken(JsonElement root, string tokenName)
        {
            if (!root.TryGetProperty(tokenName, out JsonElement token) || token.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return token.ValueKind == JsonValueKind.String
                ? token.GetString()
                : throw new CognitoAnswerShapeException($"{tokenName} is a JSON {Describe(token.ValueKind)}, not text");
        }

        private static string Describe(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Object => "object",
            JsonValueKind.Array => "list",
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => "null",
            _ => "value",
        };

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

            string? token = ReadToken(root, "NextToken");
            return new CognitoGroupPage(groups, string.IsNullOrEmpty(token) ? null : token);
        }

        internal static CognitoUser ReadUser(JsonElement item, string? userPoolId)
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException($"The entry is a JSON {Describe(item.ValueKind)}, not a user.");
            }

            string username = ReadString(item, "Username")
                ?? throw new JsonException("The entry has no Username (every Cognito user has one).");

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
                UserCreateDate = ReadUserTimestamp(item, "UserCreateDate"),
                UserLastModifiedDate = ReadUserTimestamp(item, "UserLastModifiedDate"),
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

        /// <summary>
        /// A user's date: as <see cref="ReadTimestamp"/>, but a value that is there and is no date (1e15 seconds, "soon")
        /// makes the whole entry one Cognito could not have sent. The page reader sets such an entry aside as one
        /// rejected record, and the listing goes on.
        /// </summary>
        private static DateTimeOffset? ReadUserTimestamp(JsonElement item, string name)
        {
            DateTimeOffset? date = ReadTimestamp(item, name);
            if (date == null
                && item.TryGetProperty(name, out JsonElement value)
                && (value.ValueKind == JsonValueKind.Number || (value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))))
            {
                throw new JsonException(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0} {1} is not a date (epoch seconds between year 1 and 9999).",
                    name,
                    value.ValueKind == JsonValueKind.Number ? value.GetRawText() : "(a string)"));
            }

            return date;
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
