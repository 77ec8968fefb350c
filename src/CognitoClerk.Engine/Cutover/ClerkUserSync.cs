using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Engine.Cutover
{
    /// <summary>
    /// Brings one Clerk user in step with Cognito, as far as an approved <see cref="SyncPlan"/> allows and the
    /// rules permit. The user is read again first, and left alone unless it is still the one the row names
    /// (same external_id, and private_metadata.cognito from the same pool: brought over by this module). A field is
    /// changed only while Clerk still holds what the import sent (the <see cref="ImportRecord"/>): a value that
    /// changed in Clerk since, or never came from Cognito, is never overwritten. Passwords are never touched.
    /// <para>
    /// Calls for one user go one after another: the import record is marked "changing" (old and new hash), names
    /// go by PATCH /v1/users/{id}, a new email or phone is added (verified as Cognito says) as primary and the
    /// one that came from Cognito removed, metadata leaves go with their hashes in one PATCH /metadata, and the
    /// record is settled last. Then the ban, lock or delete, or the lifting of a ban or lock the module placed (see
    /// <see cref="AccessRecord"/> for the order of the record and the ban). Each call is paced by the instance's limiter and,
    /// for updates, by Clerk's per-user limit.
    /// </para>
    /// </summary>
    public sealed class ClerkUserSync
    {
        private readonly IClerkBackendApi _api;
        private readonly SyncOptions _options;

        public ClerkUserSync(IClerkBackendApi api, SyncOptions options)
        {
            _api = api ?? throw new ArgumentNullException(nameof(api));
            _options = options ?? throw new ArgumentNullException(nameof(options));
        }

        /// <summary>
        /// Applies <paramref name="plan"/> (already approved) to the row's Clerk user. Failures of this user's calls
        /// come back as a <see cref="SyncStatus.Failed"/> outcome; a rejected key is thrown.
        /// </summary>
        public async Task<SyncOutcome> ApplyAsync(SyncRow row, SyncPlan plan, CancellationToken cancellationToken)
        {
            if (row == null)
            {
                throw new ArgumentNullException(nameof(row));
            }

            if (plan == null)
            {
                throw new ArgumentNullException(nameof(plan));
            }

            if (row.ClerkUserId == null || (plan.Fields.Count == 0 && plan.Access == AccessChange.None))
            {
                return new SyncOutcome(row, plan.SkipReason != null ? SyncStatus.Skipped : SyncStatus.InStep, null, plan.SkipReason);
            }

            var applied = new List<string>();
            var notApplied = new List<string>();
            try
            {
                ClerkUser? user = await _api.GetUserAsync(row.ClerkUserId, cancellationToken).ConfigureAwait(false);
                string? refusal = Refusal(row, user);
                if (refusal != null)
                {
                    return new SyncOutcome(row, SyncStatus.Skipped, null, refusal);
                }

                if (user!.LastSignInAt.HasValue && !_options.IncludeSignedIn)
                {
                    if (!IsLifting(plan.Access))
                    {
                        return new SyncOutcome(row, SyncStatus.Skipped, null, $"Clerk user {user.Id} has signed in to Clerk since the status was read: Clerk is their source of truth now, so nothing is changed.");
                    }

                    // Lifting the module's own ban (or forgetting its record) restores what the module did; the account is not changed.
                    plan = plan.Approved(create: false, fields: false, access: true);
                }

                if (plan.Fields.Count > 0)
                {
                    await UpdateFieldsAsync(row, user!, plan.Fields, applied, notApplied, cancellationToken).ConfigureAwait(false);
                }

                SyncStatus status = applied.Count > 0 ? SyncStatus.Updated : notApplied.Count > 0 ? SyncStatus.Skipped : SyncStatus.InStep;
                switch (plan.Access)
                {
                    case AccessChange.Ban:
                    case AccessChange.Lock:
                        status = await RestrictAsync(row, user!, plan.Access, status, applied, notApplied, cancellationToken).ConfigureAwait(false);
                        break;
                    case AccessChange.Unban:
                    case AccessChange.Unlock:
                        status = await LiftAsync(user!, plan.Access, status, applied, notApplied, cancellationToken).ConfigureAwait(false);
                        break;
                    case AccessChange.ForgetRecord:
                        status = await ForgetRecordAsync(user!, status, applied, notApplied, cancellationToken).ConfigureAwait(false);
                        break;
                    case AccessChange.Delete:
                        if (await _api.DeleteUserAsync(user!.Id, cancellationToken).ConfigureAwait(false) == ClerkDeleteResult.NotFound)
                        {
                            return new SyncOutcome(row, SyncStatus.Skipped, applied, $"Clerk user {user.Id} was already gone.");
                        }

                        applied.Add("delete");
                        status = SyncStatus.Deleted;
                        break;
                }

                string? reason = notApplied.Count == 0 ? plan.SkipReason : string.Join(" ", notApplied);
                return new SyncOutcome(row, status, applied, reason);
            }
            catch (AccessStepFailedException ex)
            {
                return Failed(row, applied, ex.InnerException!, ex.ErrorId, ex.Message);
            }
            catch (ClerkApiException ex) when (!ex.IsAuthenticationFailure)
            {
                return Failed(row, applied, ex);
            }
            catch (ClerkConnectionException ex)
            {
                return Failed(row, applied, ex);
            }
        }

        /// <summary>
        /// Bans or locks a user Cognito disabled, then records that the module did (<see cref="AccessRecord"/>): the
        /// record only after Clerk answered, so a failure in between leaves a ban without a record, which no sync lifts.
        /// A user banned or locked since the status was read is left as it is, and no record is written for a ban the
        /// module did not place.
        /// </summary>
        private async Task<SyncStatus> RestrictAsync(SyncRow row, ClerkUser user, AccessChange change, SyncStatus status, List<string> applied, List<string> notApplied, CancellationToken cancellationToken)
        {
            if (user.Banned || user.Locked)
            {
                notApplied.Add($"{(user.Banned ? "Banned" : "Locked")} in Clerk since the status was read, not by this module: left as it is.");
                return applied.Count > 0 ? status : SyncStatus.Skipped;
            }

            bool ban = change == AccessChange.Ban;
            if (ban)
            {
                await _api.BanUserAsync(user.Id, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _api.LockUserAsync(user.Id, cancellationToken).ConfigureAwait(false);
            }

            applied.Add(ban ? "ban" : "lock");
            if (row.State == MigrationState.DeletedInCognito)
            {
                // A deleted Cognito user never comes back with the same sub: nothing to lift one day, nothing to record.
                return ban ? SyncStatus.Banned : SyncStatus.Locked;
            }

            try
            {
                await _api.UpdateUserMetadataAsync(user.Id, null, AccessRecord.Patch(ban ? AccessRecord.BanChange : AccessRecord.LockChange, DateTimeOffset.UtcNow), null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ClerkConnectionException || (ex is ClerkApiException api && !api.IsAuthenticationFailure))
            {
                string noun = ban ? "ban" : "lock";
                throw new AccessStepFailedException(
                    MigrationErrorIds.AccessRecordNotWritten,
                    $"The user is {noun}ned in Clerk, but the module's record of that {noun} could not be written ({ex.Message}): no later sync will lift it " +
                    $"when Cognito enables the user again, so {noun.Replace("ban", "unban").Replace("lock", "unlock")} them in Clerk by hand then.",
                    ex);
            }

            return ban ? SyncStatus.Banned : SyncStatus.Locked;
        }

        /// <summary>
        /// Lifts the ban or lock the module placed when Cognito disabled the user, now that Cognito enabled them again,
        /// only if the user as Clerk has it now still carries the module's record of it. The record is removed first:
        /// were the lift to fail after it, the user stays banned without a record (never lifted), never the other way
        /// round (a record outliving the module's ban, so that a ban placed later by hand would be lifted).
        /// </summary>
        private async Task<SyncStatus> LiftAsync(ClerkUser user, AccessChange change, SyncStatus status, List<string> applied, List<string> notApplied, CancellationToken cancellationToken)
        {
            bool unban = change == AccessChange.Unban;
            string state = unban ? "banned" : "locked";
            AccessRecord? record = AccessRecord.Read(user.PrivateMetadata);
            bool inPlace = unban ? user.Banned : user.Locked;
            bool ours = record != null && (unban ? record.IsBanForDisabled : record.IsLockForDisabled);
            if (!inPlace || !ours)
            {
                notApplied.Add(!inPlace
                    ? $"No longer {state} in Clerk since the status was read; nothing to lift."
                    : $"{(unban ? "Banned" : "Locked")} in Clerk, not by this module (its record is gone since the status was read); left as it is.");
                return applied.Count > 0 ? status : SyncStatus.Skipped;
            }

            await _api.UpdateUserMetadataAsync(user.Id, null, AccessRecord.Removal(), null, cancellationToken).ConfigureAwait(false);
            try
            {
                if (unban)
                {
                    await _api.UnbanUserAsync(user.Id, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _api.UnlockUserAsync(user.Id, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is ClerkConnectionException || (ex is ClerkApiException api && !api.IsAuthenticationFailure))
            {
                throw new AccessStepFailedException(
                    MigrationErrorIds.AccessNotLifted,
                    $"The module's record of its {(unban ? "ban" : "lock")} was removed, then lifting it failed ({ex.Message}): the user is still {state}, and no later " +
                    $"sync will lift it, so {(unban ? "unban" : "unlock")} them in Clerk by hand.",
                    ex);
            }

            applied.Add(unban ? "unban" : "unlock");
            return unban ? SyncStatus.Unbanned : SyncStatus.Unlocked;
        }

        /// <summary>Removes the module's record of a ban or lock no longer in place (lifted by hand, a lock that expired).</summary>
        private async Task<SyncStatus> ForgetRecordAsync(ClerkUser user, SyncStatus status, List<string> applied, List<string> notApplied, CancellationToken cancellationToken)
        {
            AccessRecord? record = AccessRecord.Read(user.PrivateMetadata);
            if (record == null || (record.Change == AccessRecord.BanChange && user.Banned) || (record.Change == AccessRecord.LockChange && user.Locked))
            {
                notApplied.Add(record == null
                    ? "The module's record of a ban or lock is already gone."
                    : $"The module's {record.Change} is in place again since the status was read; its record is kept.");
                return applied.Count > 0 ? status : SyncStatus.Skipped;
            }

            await _api.UpdateUserMetadataAsync(user.Id, null, AccessRecord.Removal(), null, cancellationToken).ConfigureAwait(false);
            applied.Add($"forget {record.Change} record");
            return SyncStatus.Updated;
        }

        /// <summary>Why the user as Clerk has it now must not be touched; null when it may.</summary>
        private string? Refusal(SyncRow row, ClerkUser? user)
        {
            if (user == null)
            {
                return $"Clerk has no user {row.ClerkUserId} any more.";
            }

            if (!string.Equals(user.ExternalId, row.ExternalId, StringComparison.Ordinal))
            {
                return $"Clerk user {user.Id} no longer has external_id {row.ExternalId}; it is not the user the status saw, so it is left alone.";
            }

            if (user.CognitoUserPoolId == null || (row.UserPoolId != null && !CognitoOrigin.IsFrom(user, row.UserPoolId)))
            {
                return $"Clerk user {user.Id} carries no private_metadata.cognito from this pool: it was not brought over by this module, and a sync never changes such a user.";
            }

            return null;
        }

        private static bool IsLifting(AccessChange change) =>
            change == AccessChange.Unban || change == AccessChange.Unlock || change == AccessChange.ForgetRecord;

        private async Task UpdateFieldsAsync(SyncRow row, ClerkUser user, IReadOnlyList<string> wanted, List<string> applied, List<string> notApplied, CancellationToken cancellationToken)
        {
            ClerkCreateUserRequest? profile = row.CognitoUser == null ? null : CognitoDigestMapper.MapProfile(row.CognitoUser, _options.Digest);
            if (profile == null)
            {
                notApplied.Add("The Cognito user has no sub or pool to map, so no field was brought up to date.");
                return;
            }

            ImportRecord? record = ImportRecord.Read(user.PrivateMetadata);
            var changes = new List<ProfileDifference>();
            foreach (ProfileDifference difference in ProfileDrift.Between(profile, user, ProfileDrift.UnreadGroups(row.CognitoUser!, _options.Digest)).Where(d => wanted.Contains(d.Field, StringComparer.Ordinal)))
            {
                if (record == null)
                {
                    notApplied.Add($"{difference.Field} kept: the user was imported before CognitoClerk kept a record of what it sent, so it cannot tell a Cognito value from a Clerk one.");
                }
                else if (!record.IsAsImported(difference.Field, difference.InClerk))
                {
                    notApplied.Add($"{difference.Field} kept: it changed in Clerk since the import (or never came from Cognito).");
                }
                else if (difference.InCognito == null && (difference.Field == ImportRecord.EmailAddress || difference.Field == ImportRecord.PhoneNumber))
                {
                    notApplied.Add($"{difference.Field} kept: Cognito has none now, and a sign-in identifier is not removed without a replacement.");
                }
                else
                {
                    changes.Add(difference);
                }
            }

            if (changes.Count == 0)
            {
                return;
            }

            List<ProfileDifference> separate = changes.Where(c => !c.IsMetadata).ToList();
            if (separate.Count > 0)
            {
                // Before anything changes: old and new both count as "as imported", whatever happens next.
                await PatchRecordAsync(user.Id, separate.ToDictionary(c => c.Field, c => record!.WhileChanging(c.Field, c.InCognito)), null, cancellationToken).ConfigureAwait(false);
            }

            var names = new ClerkUpdateUserRequest();
            foreach (ProfileDifference name in separate.Where(c => c.Field == ImportRecord.FirstName || c.Field == ImportRecord.LastName))
            {
                if (name.Field == ImportRecord.FirstName)
                {
                    names.SetFirstName(name.InCognito);
                }
                else
                {
                    names.SetLastName(name.InCognito);
                }
            }

            if (!names.IsEmpty)
            {
                await _api.UpdateUserAsync(user.Id, names, cancellationToken).ConfigureAwait(false);
                applied.AddRange(names.FieldNames);
            }

            var settled = separate.Where(c => applied.Contains(c.Field)).ToDictionary(c => c.Field, c => ImportRecord.Settled(c.Field, c.InCognito));
            foreach (ProfileDifference identifier in separate.Where(c => c.Field == ImportRecord.EmailAddress || c.Field == ImportRecord.PhoneNumber))
            {
                string? problem = await ReplaceIdentifierAsync(user, profile, identifier, cancellationToken).ConfigureAwait(false);
                if (problem == null)
                {
                    applied.Add(identifier.Field);
                    settled[identifier.Field] = ImportRecord.Settled(identifier.Field, identifier.InCognito);
                }
                else
                {
                    notApplied.Add(problem);
                }
            }

            List<ProfileDifference> metadata = changes.Where(c => c.IsMetadata).ToList();
            foreach (ProfileDifference leaf in metadata)
            {
                settled[leaf.Field] = ImportRecord.Settled(leaf.Field, leaf.InCognito);
            }

            if (settled.Count > 0)
            {
                await PatchRecordAsync(user.Id, settled, metadata, cancellationToken).ConfigureAwait(false);
                applied.AddRange(metadata.Select(m => m.Field));
            }
        }

        /// <summary>
        /// Adds Cognito's email or phone (verified as Cognito says) as primary and removes the one that came from
        /// Cognito. Null when done; otherwise why not (the other Clerk user holding it, say).
        /// </summary>
        private async Task<string?> ReplaceIdentifierAsync(ClerkUser user, ClerkCreateUserRequest profile, ProfileDifference change, CancellationToken cancellationToken)
        {
            bool email = change.Field == ImportRecord.EmailAddress;
            string value = change.InCognito!;
            bool verified = string.Equals(
                (email ? profile.EmailAddressIdentificationStatus : profile.PhoneNumberIdentificationStatus)?.FirstOrDefault(), "verified", StringComparison.Ordinal);
            IReadOnlyList<ClerkIdentification> owned = email ? user.EmailAddressDetails : user.PhoneNumberDetails;
            ClerkIdentification? old = owned.FirstOrDefault(i => i.Id == (email ? user.PrimaryEmailAddressId : user.PrimaryPhoneNumberId));
            ClerkIdentification? already = owned.FirstOrDefault(i => SameValue(email, i.Value, value));
            string newId;
            if (already != null)
            {
                // The user holds it already (added in Clerk, or by an earlier sync whose answer was lost): make it primary.
                if (!already.Verified)
                {
                    return $"{change.Field} kept: the user already has {value} in Clerk, unverified, and only a verified one can be made primary.";
                }

                var primary = new ClerkUpdateUserRequest();
                await _api.UpdateUserAsync(user.Id, email ? primary.SetPrimaryEmailAddressId(already.Id) : primary.SetPrimaryPhoneNumberId(already.Id), cancellationToken).ConfigureAwait(false);
                newId = already.Id;
            }
            else
            {
                try
                {
                    ClerkIdentification added = email
                        ? await _api.CreateEmailAddressAsync(user.Id, value, verified, primary: true, cancellationToken).ConfigureAwait(false)
                        : await _api.CreatePhoneNumberAsync(user.Id, value, verified, primary: true, cancellationToken).ConfigureAwait(false);
                    newId = added.Id;
                }
                catch (ClerkApiException ex) when (ex.StatusCode == 422 && ex.Code == "form_identifier_exists")
                {
                    // Ours after a retry whose first answer was lost, or someone else's: read the user again to know.
                    ClerkUser? again = await _api.GetUserAsync(user.Id, cancellationToken).ConfigureAwait(false);
                    ClerkIdentification? mine = (email ? again?.EmailAddressDetails : again?.PhoneNumberDetails)?.FirstOrDefault(i => SameValue(email, i.Value, value));
                    if (mine == null)
                    {
                        return $"{change.Field} kept: {value} belongs to another Clerk user ({ex.Code}).";
                    }

                    newId = mine.Id;
                }
            }

            if (old != null && old.Id != newId)
            {
                if (email)
                {
                    await _api.DeleteEmailAddressAsync(old.Id, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _api.DeletePhoneNumberAsync(old.Id, cancellationToken).ConfigureAwait(false);
                }
            }

            return null;
        }

        /// <summary>One PATCH /metadata: the record's hashes for <paramref name="fields"/>, and the metadata leaves changed with them.</summary>
        private Task PatchRecordAsync(string userId, IDictionary<string, string[]> fields, IReadOnlyList<ProfileDifference>? leaves, CancellationToken cancellationToken)
        {
            var record = new JsonObject();
            foreach (KeyValuePair<string, string[]> field in fields)
            {
                record[field.Key] = field.Value.Length == 0 ? null : string.Join(" ", field.Value);
            }

            var roots = new Dictionary<string, JsonObject>(StringComparer.Ordinal)
            {
                [MetadataTarget.PrivateRoot] = new JsonObject { [ImportRecord.CognitoKey] = new JsonObject { [ImportRecord.RecordKey] = record } },
            };
            foreach (ProfileDifference leaf in leaves ?? Array.Empty<ProfileDifference>())
            {
                (string root, string within) = MetadataLeaves.Split(leaf.Field);
                JsonObject patch = MetadataLeaves.Patch(within, leaf.InCognito == null ? null : JsonNode.Parse(leaf.InCognito));
                roots[root] = roots.TryGetValue(root, out JsonObject? existing) ? MergePatches(existing, patch) : patch;
            }

            roots.TryGetValue(MetadataTarget.PublicRoot, out JsonObject? publicMetadata);
            roots.TryGetValue(MetadataTarget.UnsafeRoot, out JsonObject? unsafeMetadata);
            return _api.UpdateUserMetadataAsync(userId, publicMetadata, roots[MetadataTarget.PrivateRoot], unsafeMetadata, cancellationToken);
        }

        /// <summary>Two merge patches as one (objects merged, the later leaf winning).</summary>
        private static JsonObject MergePatches(JsonObject first, JsonObject second)
        {
            JsonObject merged = first.DeepClone().AsObject();
            foreach (KeyValuePair<string, JsonNode?> property in second)
            {
                merged[property.Key] = property.Value is JsonObject inner && merged[property.Key] is JsonObject current
                    ? MergePatches(current, inner)
                    : property.Value?.DeepClone();
            }

            return merged;
        }

        private static bool SameValue(bool email, string a, string b) =>
            email ? string.Equals(a, b, StringComparison.OrdinalIgnoreCase) : string.Equals(a, b, StringComparison.Ordinal);

        private static SyncOutcome Failed(SyncRow row, List<string> applied, Exception ex, string? errorId = null, string? message = null)
        {
            string done = applied.Count == 0 ? string.Empty : $" Done before it: {string.Join(", ", applied)}.";
            return new SyncOutcome(row, SyncStatus.Failed, applied, (message ?? ex.Message) + done) { ErrorId = errorId ?? MigrationErrorIds.RequestFailed, Error = ex };
        }

        /// <summary>A failed request half way through a ban or its lifting, with what it leaves behind in words.</summary>
        private sealed class AccessStepFailedException : Exception
        {
            public AccessStepFailedException(string errorId, string message, Exception inner)
                : base(message, inner) => ErrorId = errorId;

            public string ErrorId { get; }
        }
    }
}
