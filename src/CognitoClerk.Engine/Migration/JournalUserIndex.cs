using System;
using System.Collections.Generic;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// What the journal knows about each user: the latest record's claim that the user is in Clerk (Created or
    /// AlreadyMigrated), with the Clerk user id and the instance it was recorded against. The latest record for
    /// a user wins, so a later Failed or Skipped record, or a removal that found the user gone (Removed, NotFound),
    /// takes the claim back and the user is tried again.
    /// <para>
    /// Kept behind this one small type so the in-memory dictionary can be swapped for a compact index without
    /// touching the journal file's format or the runner: a user is identified by (pool, external_id), or by
    /// (pool, Cognito username) when a record has no external_id.
    /// </para>
    /// </summary>
    internal sealed class JournalUserIndex
    {
        private readonly Dictionary<string, JournalClaim> _claims = new Dictionary<string, JournalClaim>(StringComparer.Ordinal);

        /// <summary>Users claimed finished by their latest record.</summary>
        public int Count => _claims.Count;

        /// <summary>Takes a record into account: a finished one claims the user, any other one takes a claim back.</summary>
        public void Apply(MigrationJournalRecord record)
        {
            string? key = MigrationJournal.KeyOf(record.UserPoolId, record.ExternalId, record.CognitoUsername);
            if (key == null)
            {
                return;
            }

            if (record.Operation != null)
            {
                // A removal: Removed or NotFound means the user is gone from Clerk; Kept or Failed changes nothing.
                if (MigrationJournal.IsGone(record))
                {
                    _claims.Remove(key);
                }

                return;
            }

            if (Enum.TryParse(record.Status, ignoreCase: false, out MigrationStatus status) && MigrationJournal.IsFinished(status))
            {
                _claims[key] = new JournalClaim(status, record.ClerkUserId, record.InstanceId);
            }
            else
            {
                // Failed, Skipped, Conflict, or a status this version does not know: not finished any more.
                _claims.Remove(key);
            }
        }

        public bool TryGet(string? userPoolId, string? externalId, string? cognitoUsername, out JournalClaim? claim)
        {
            claim = null;
            string? key = MigrationJournal.KeyOf(userPoolId, externalId, cognitoUsername);
            return key != null && _claims.TryGetValue(key, out claim);
        }
    }
}
