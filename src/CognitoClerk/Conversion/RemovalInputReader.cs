using System;
using System.Management.Automation;
using CognitoClerk.Engine.Removal;
using CognitoClerk.Errors;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// Reads Remove-ClerkMigratedUser's pipeline input: <see cref="ClerkMigrationResult"/> objects from
    /// New-ClerkMigratedUser, also after a round trip (Export-Csv/Import-Csv, ConvertTo-Json/ConvertFrom-Json,
    /// Export-Clixml/Import-Clixml): any object with Status and ClerkUserId. Only Status Created makes a user
    /// a candidate: the module never removes a Clerk user it did not create.
    /// </summary>
    internal static class RemovalInputReader
    {
        internal static RemovalInput Read(PSObject input)
        {
            object source = input.BaseObject;
            string? status;
            var result = new RemovalInput { Source = source };
            if (source is ClerkMigrationResult typed)
            {
                status = typed.Status.ToString();
                result.ClerkUserId = NullIfBlank(typed.ClerkUserId);
                result.ExternalId = NullIfBlank(typed.ExternalId);
                result.CognitoUsername = NullIfBlank(typed.CognitoUsername);
                result.UserPoolId = NullIfBlank(typed.UserPoolId);
            }
            else
            {
                PropertyBag bag = PropertyBag.For(input);
                if (!bag.TryGet("Status", out object? statusValue))
                {
                    result.Kind = RemovalInputKind.Unreadable;
                    result.ErrorId = ErrorIds.InputNotMigrationResult;
                    result.Reason = "The input is not a migration result: Remove-ClerkMigratedUser takes the ClerkMigrationResult objects " +
                        "New-ClerkMigratedUser writes (or the same after Export-Csv/Import-Csv), with Status and ClerkUserId, or -JournalPath.";
                    return result;
                }

                status = Text(statusValue);
                result.ClerkUserId = Text(bag, "ClerkUserId");
                result.ExternalId = Text(bag, "ExternalId");
                result.CognitoUsername = Text(bag, "CognitoUsername");
                result.UserPoolId = Text(bag, "UserPoolId");
            }

            result.MigrationStatus = status;
            if (!Enum.TryParse(status, ignoreCase: true, out ClerkMigrationStatus parsed))
            {
                result.Kind = RemovalInputKind.Unreadable;
                result.ErrorId = ErrorIds.InputNotMigrationResult;
                result.Reason = $"The result for '{result.DisplayName}' has the status '{status}', which is not a migration status.";
                return result;
            }

            switch (parsed)
            {
                case ClerkMigrationStatus.Created:
                    if (result.ClerkUserId == null)
                    {
                        result.Kind = RemovalInputKind.Unreadable;
                        result.ErrorId = RemovalErrorIds.ClerkUserIdMissing;
                        result.Reason = $"The Created result for '{result.DisplayName}' has no ClerkUserId, so there is no Clerk user to check and remove.";
                    }
                    else
                    {
                        result.Kind = RemovalInputKind.Candidate;
                    }

                    return result;
                case ClerkMigrationStatus.AlreadyMigrated:
                case ClerkMigrationStatus.AlreadyExists:
                case ClerkMigrationStatus.Conflict:
                    result.Kind = result.ClerkUserId == null && parsed != ClerkMigrationStatus.AlreadyMigrated ? RemovalInputKind.NoClerkUser : RemovalInputKind.NotCreatedByModule;
                    result.ErrorId = RemovalErrorIds.ClerkUserNotCreatedByModule;
                    result.Reason = $"'{result.DisplayName}' is {parsed}: this module did not create " +
                        (result.ClerkUserId == null ? "a Clerk user for it" : $"Clerk user {result.ClerkUserId}") + ", so it is never removed.";
                    return result;
                default:
                    result.Kind = RemovalInputKind.NoClerkUser;
                    result.Reason = $"'{result.DisplayName}' is {parsed}: no Clerk user was created, so there is nothing to remove.";
                    return result;
            }
        }

        private static string? Text(PropertyBag bag, string name) => bag.TryGet(name, out object? value) ? Text(value) : null;

        private static string? Text(object? value) => NullIfBlank(PropertyBag.Unwrap(value)?.ToString());

        private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }
}
