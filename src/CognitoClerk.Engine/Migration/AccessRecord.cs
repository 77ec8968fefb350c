using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;
using CognitoClerk.Engine.Clerk;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// The module's record of a ban or lock it placed because Cognito disabled the user, kept with the Clerk user
    /// in <c>private_metadata.cognito.access</c>: <c>{"change":"ban","reason":"disabled_in_cognito","at":"…"}</c>.
    /// The sync lifts a ban or lock only when this record names it: a ban placed by hand in the Clerk dashboard (for
    /// fraud, say) carries none and is never lifted.
    /// <para>
    /// The record must never outlive the module's own ban, or a later ban placed by hand would be taken for the
    /// module's. So it is written only after Clerk has answered the ban (a failure in between leaves a ban without a
    /// record: never lifted, which is the safe side) and removed before the ban is lifted (a failure in between
    /// leaves a ban without a record again). A record whose ban is gone (lifted by hand, or a lock that expired) is
    /// removed by the next sync. "at" is when the sync placed it; a user created banned by the import
    /// (-DisabledUser Ban) gets the record in the same CreateUser call, without "at" (the mapping is offline and
    /// the same on every run; Clerk's created_at says when).
    /// </para>
    /// </summary>
    public sealed class AccessRecord
    {
        /// <summary>private_metadata.cognito.access.</summary>
        public const string RecordKey = "access";

        public const string BanChange = "ban";
        public const string LockChange = "lock";

        /// <summary>The only reason the module records (and lifts): the Cognito user was disabled.</summary>
        public const string DisabledInCognito = "disabled_in_cognito";

        private const string ChangeKey = "change";
        private const string ReasonKey = "reason";
        private const string AtKey = "at";

        private AccessRecord(string change, string? reason, DateTimeOffset? at)
        {
            Change = change;
            Reason = reason;
            At = at;
        }

        /// <summary><see cref="BanChange"/> or <see cref="LockChange"/> (or text a later version wrote).</summary>
        public string Change { get; }

        public string? Reason { get; }

        /// <summary>When the sync placed it; null for a user created banned by the import.</summary>
        public DateTimeOffset? At { get; }

        /// <summary>A ban this module placed because Cognito disabled the user: one a sync may lift.</summary>
        public bool IsBanForDisabled => Change == BanChange && Reason == DisabledInCognito;

        /// <summary>A lock this module placed because Cognito disabled the user: one a sync may lift.</summary>
        public bool IsLockForDisabled => Change == LockChange && Reason == DisabledInCognito;

        /// <summary>The record in a Clerk user's private metadata; null when there is none (or it is not an object with a change).</summary>
        public static AccessRecord? Read(JsonObject? privateMetadata)
        {
            if (privateMetadata?[ImportRecord.CognitoKey] is not JsonObject cognito || cognito[RecordKey] is not JsonObject record)
            {
                return null;
            }

            string? change = Text(record, ChangeKey);
            if (change == null)
            {
                return null;
            }

            DateTimeOffset? at = DateTimeOffset.TryParse(Text(record, AtKey), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed)
                ? parsed
                : (DateTimeOffset?)null;
            return new AccessRecord(change, Text(record, ReasonKey), at);
        }

        /// <summary>The record of a change (ban or lock) placed because Cognito disabled the user; "at" when given.</summary>
        public static JsonObject ForDisabled(string change, DateTimeOffset? at)
        {
            if (change != BanChange && change != LockChange)
            {
                throw new ArgumentException($"A ban or a lock is recorded, not '{change}'.", nameof(change));
            }

            var record = new JsonObject { [ChangeKey] = change, [ReasonKey] = DisabledInCognito };
            if (at.HasValue)
            {
                record[AtKey] = ClerkFieldFormats.ToRfc3339(at.Value);
            }

            return record;
        }

        /// <summary>The record a CreateUser payload of a user created banned (Cognito disabled them) carries: a ban, for disabled_in_cognito, no time.</summary>
        public static SortedDictionary<string, object?> ForImport() =>
            new SortedDictionary<string, object?>(StringComparer.Ordinal) { [ChangeKey] = BanChange, [ReasonKey] = DisabledInCognito };

        /// <summary>The merge patch (under private_metadata) that writes the record of <paramref name="change"/> placed now.</summary>
        public static JsonObject Patch(string change, DateTimeOffset at) =>
            new JsonObject { [ImportRecord.CognitoKey] = new JsonObject { [RecordKey] = ForDisabled(change, at) } };

        /// <summary>The merge patch (under private_metadata) that removes the record.</summary>
        public static JsonObject Removal() =>
            new JsonObject { [ImportRecord.CognitoKey] = new JsonObject { [RecordKey] = null } };

        private static string? Text(JsonObject record, string key) =>
            record[key] is JsonValue value && value.TryGetValue(out string? text) && !string.IsNullOrEmpty(text) ? text : null;
    }
}
