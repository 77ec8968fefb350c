using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CognitoClerk.Engine.Cutover;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// A status row as Sync-ClerkMigratedUser takes it: Get-ClerkMigrationStatus's own objects, or the same
    /// properties read back (Import-Clixml, a PSCustomObject). The Cognito user on the row is read like any
    /// Cognito user input; without it a row can still be banned or deleted, but not created or updated.
    /// </summary>
    internal static class SyncRowReader
    {
        /// <summary>
        /// The row, or null with the reason when the object is not a status row (no State, or one this module does not
        /// know). The module's own rows and rows read back are read the same way, by property name.
        /// </summary>
        internal static SyncRow? Read(object input, out string? problem)
        {
            problem = null;
            PropertyBag bag = PropertyBag.For(input);
            object? stateValue = PropertyBag.Unwrap(input) is ClerkMigrationUserStatus typed ? typed.State
                : bag.TryGet(nameof(ClerkMigrationUserStatus.State), out object? read) ? read
                : null;
            if (!MigrationStatusConverter.TryToEngine(stateValue?.ToString(), out MigrationState state))
            {
                problem = "Expected a row of Get-ClerkMigrationStatus (a State of NotMigrated, CannotMigrate, AwaitingFirstSignIn, SignedIn or DeletedInCognito); " +
                    "the object has " + (bag.Names().Length == 0 ? "no properties." : string.Join(", ", bag.Names()) + ".");
                return null;
            }

            return new SyncRow
            {
                State = state,
                Username = Text(bag, nameof(ClerkMigrationUserStatus.Username)),
                UserPoolId = Text(bag, nameof(ClerkMigrationUserStatus.UserPoolId)),
                ExternalId = Text(bag, nameof(ClerkMigrationUserStatus.ExternalId)),
                ClerkUserId = Text(bag, nameof(ClerkMigrationUserStatus.ClerkUserId)),
                CognitoEnabled = Flag(bag, nameof(ClerkMigrationUserStatus.CognitoEnabled)),
                LastSignInAt = Time(bag, nameof(ClerkMigrationUserStatus.LastSignInAt)),
                ClerkBanned = Flag(bag, nameof(ClerkMigrationUserStatus.ClerkBanned)) == true,
                ClerkLocked = Flag(bag, nameof(ClerkMigrationUserStatus.ClerkLocked)) == true,
                ModuleRestriction = Restriction(Text(bag, nameof(ClerkMigrationUserStatus.ModuleRestriction))),
                ModuleRestrictionKnown = bag.TryGet(nameof(ClerkMigrationUserStatus.ModuleRestriction), out _),
                Changes = Texts(bag, nameof(ClerkMigrationUserStatus.Changes)),
                Reason = Text(bag, nameof(ClerkMigrationUserStatus.Reason)),
                CognitoUser = bag.TryGet(nameof(ClerkMigrationUserStatus.CognitoUser), out object? user) && user != null
                    ? CognitoUserReader.Read(user).FirstOrDefault()?.Value
                    : null,
                Input = input,
            };
        }

        /// <summary>Ban or Lock (any case) as the status wrote it; anything else is no restriction of the module's, so nothing is ever lifted for it.</summary>
        private static AccessChange Restriction(string? text) =>
            string.Equals(text?.Trim(), nameof(AccessChange.Ban), StringComparison.OrdinalIgnoreCase) ? AccessChange.Ban
            : string.Equals(text?.Trim(), nameof(AccessChange.Lock), StringComparison.OrdinalIgnoreCase) ? AccessChange.Lock
            : AccessChange.None;

        private static string? Text(PropertyBag bag, string name) =>
            bag.TryGet(name, out object? value) && value != null && value.ToString()!.Length > 0 ? value.ToString() : null;

        private static bool? Flag(PropertyBag bag, string name)
        {
            if (!bag.TryGet(name, out object? value) || value == null)
            {
                return null;
            }

            return value is bool b ? b : bool.TryParse(value.ToString(), out bool parsed) ? parsed : (bool?)null;
        }

        private static DateTimeOffset? Time(PropertyBag bag, string name)
        {
            if (!bag.TryGet(name, out object? value) || value == null)
            {
                return null;
            }

            if (value is DateTime time)
            {
                return new DateTimeOffset(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime());
            }

            return DateTimeOffset.TryParse(value.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed) ? parsed : (DateTimeOffset?)null;
        }

        private static IReadOnlyList<string> Texts(PropertyBag bag, string name)
        {
            if (!bag.TryGet(name, out object? value) || value == null)
            {
                return Array.Empty<string>();
            }

            if (value is string one)
            {
                return one.Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries);
            }

            return value is IEnumerable many
                ? many.Cast<object?>().Select(v => PropertyBag.Unwrap(v)?.ToString()).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList()
                : new[] { value.ToString()! };
        }
    }
}
