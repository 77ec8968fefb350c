using System;
using System.Collections.Generic;
using System.Linq;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Engine.Removal
{
    /// <summary>
    /// The users a journal says this module created and that are still there as far as the journal knows: for
    /// each user (pool and external_id, or pool and Cognito username), the latest Created record, unless a later
    /// removal record (Removed or NotFound) says it is gone. AlreadyMigrated and every other status never make a
    /// user a candidate: the module did not create those Clerk users, or created none. Records that name another
    /// Clerk instance are set apart, never removed.
    /// </summary>
    public sealed class CreatedUserLedger
    {
        private readonly Dictionary<string, RemovalCandidate> _created = new Dictionary<string, RemovalCandidate>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _interned = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Created records without a Clerk user id (hand-edited lines): nothing to remove, counted for the verbose summary.</summary>
        public int CreatedWithoutClerkId { get; private set; }

        public int RecordsRead { get; private set; }

        /// <summary>Builds the ledger from records in journal order.</summary>
        public static CreatedUserLedger From(IEnumerable<MigrationJournalRecord> records)
        {
            var ledger = new CreatedUserLedger();
            foreach (MigrationJournalRecord record in records ?? throw new ArgumentNullException(nameof(records)))
            {
                ledger.Add(record);
            }

            return ledger;
        }

        /// <summary>
        /// The candidates created on <paramref name="instanceId"/> (records without an instance id count as this one:
        /// journals from before instance ids were recorded; the read-first check still proves each user), in journal
        /// order, and separately those created on another instance.
        /// </summary>
        public (IReadOnlyList<RemovalCandidate> ThisInstance, IReadOnlyList<RemovalCandidate> OtherInstances) Split(string? instanceId)
        {
            var mine = new List<RemovalCandidate>();
            var others = new List<RemovalCandidate>();
            foreach (RemovalCandidate candidate in _created.Values)
            {
                bool other = instanceId != null && candidate.InstanceId != null && !string.Equals(candidate.InstanceId, instanceId, StringComparison.Ordinal);
                (other ? others : mine).Add(candidate);
            }

            return (mine, others);
        }

        public int Count => _created.Count;

        private void Add(MigrationJournalRecord record)
        {
            RecordsRead++;
            string? key = MigrationJournal.KeyOf(record.UserPoolId, record.ExternalId, record.CognitoUsername);
            if (key == null)
            {
                return;
            }

            if (record.Operation != null)
            {
                if (MigrationJournal.IsGone(record))
                {
                    _created.Remove(key);
                }

                return;
            }

            if (!string.Equals(record.Status, nameof(MigrationStatus.Created), StringComparison.Ordinal))
            {
                return;
            }

            if (string.IsNullOrEmpty(record.ClerkUserId))
            {
                CreatedWithoutClerkId++;
                return;
            }

            // A later Created record (the user removed and created again) replaces the earlier one.
            _created[key] = new RemovalCandidate(
                record.ClerkUserId!,
                record.ExternalId,
                record.CognitoUsername,
                Intern(record.UserPoolId),
                Intern(record.InstanceId));
        }

        /// <summary>Pools and instances repeat on every line: one string each.</summary>
        private string? Intern(string? value)
        {
            if (value == null)
            {
                return null;
            }

            if (!_interned.TryGetValue(value, out string? shared))
            {
                _interned.Add(value, value);
                shared = value;
            }

            return shared;
        }
    }
}
