using System;
using System.Collections.Generic;
using System.Linq;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Conversion
{
    /// <summary>Engine <see cref="CognitoUser"/> to the public <see cref="CognitoMigrationUser"/> written to the pipeline.</summary>
    internal static class MigrationUserConverter
    {
        internal static CognitoMigrationUser ToPublic(CognitoUser user)
        {
            return new CognitoMigrationUser
            {
                Username = user.Username,
                Sub = user.GetAttribute(CognitoAttributeNames.Sub),
                Email = user.GetAttribute(CognitoAttributeNames.Email),
                EmailVerified = ParseCognitoBoolean(user.GetAttribute(CognitoAttributeNames.EmailVerified)),
                PhoneNumber = user.GetAttribute(CognitoAttributeNames.PhoneNumber),
                PhoneNumberVerified = ParseCognitoBoolean(user.GetAttribute(CognitoAttributeNames.PhoneNumberVerified)),
                GivenName = user.GetAttribute(CognitoAttributeNames.GivenName),
                FamilyName = user.GetAttribute(CognitoAttributeNames.FamilyName),
                UserStatus = user.UserStatus,
                Enabled = user.Enabled ?? true,
                UserCreateDate = user.UserCreateDate?.UtcDateTime,
                UserLastModifiedDate = user.UserLastModifiedDate?.UtcDateTime,
                Attributes = new CognitoUserAttributeList(user.Attributes.Select(a => new CognitoUserAttribute(a.Key, a.Value))),
                UserPoolId = user.UserPoolId,
                Groups = ToPublicGroups(user.Groups),
            };
        }

        /// <summary>Read-only over the engine's list: lists are shared between users in the same groups.</summary>
        internal static CognitoGroupNames? ToPublicGroups(IReadOnlyList<string>? groups) =>
            groups == null ? null : new CognitoGroupNames(groups as IList<string> ?? groups.ToList());

        internal static CognitoUser ToEngine(CognitoMigrationUser user)
        {
            var attributes = user.Attributes
                .Where(a => a != null && !string.IsNullOrEmpty(a.Name))
                .Select(a => new KeyValuePair<string, string?>(a.Name, a.Value))
                .ToList();

            return new CognitoUser(user.Username, attributes)
            {
                UserStatus = user.UserStatus,
                Enabled = user.Enabled,
                UserCreateDate = user.UserCreateDate.HasValue ? CognitoTimestamp.FromDateTime(user.UserCreateDate.Value) : (DateTimeOffset?)null,
                UserLastModifiedDate = user.UserLastModifiedDate.HasValue ? CognitoTimestamp.FromDateTime(user.UserLastModifiedDate.Value) : (DateTimeOffset?)null,
                UserPoolId = user.UserPoolId,
                Groups = user.Groups?.ToArray(),
            };
        }

        /// <summary>Cognito stores booleans as the strings "true" and "false".</summary>
        internal static bool? ParseCognitoBoolean(string? value)
        {
            if (value == null)
            {
                return null;
            }

            return string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        }
    }
}
