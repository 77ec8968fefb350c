using System;
using System.Collections.Generic;
using System.Linq;

namespace CognitoClerk.Engine.Cutover
{
    /// <summary>
    /// What a sync means to do with one row, decided from the row alone (offline, so -WhatIf can say it without a
    /// request): create the user, bring fields up to date, ban, lock or delete; or why nothing. It is an upper
    /// bound: when the sync reads the user again it may do less (a field changed in Clerk meanwhile), never more.
    /// </summary>
    public sealed class SyncPlan
    {
        private static readonly IReadOnlyList<string> NoFields = Array.Empty<string>();

        public SyncPlan(bool create, IReadOnlyList<string>? fields, AccessChange access, string? skipReason)
        {
            Create = create;
            Fields = fields ?? NoFields;
            Access = access;
            SkipReason = skipReason;
        }

        public bool Create { get; }

        /// <summary>The fields to bring up to date, by name.</summary>
        public IReadOnlyList<string> Fields { get; }

        public AccessChange Access { get; }

        /// <summary>Why the row is left alone (null when there is something to do, or simply nothing to do).</summary>
        public string? SkipReason { get; }

        public bool IsEmpty => !Create && Fields.Count == 0 && Access == AccessChange.None;

        /// <summary>Only the parts the admin approved.</summary>
        public SyncPlan Approved(bool create, bool fields, bool access) =>
            new SyncPlan(Create && create, fields ? Fields : NoFields, access ? Access : AccessChange.None, SkipReason);

        /// <summary>The plan in words, e.g. "update first_name, email_address; ban".</summary>
        public string Describe()
        {
            var parts = new List<string>();
            if (Create)
            {
                parts.Add("create");
            }

            if (Fields.Count > 0)
            {
                parts.Add("update " + string.Join(", ", Fields));
            }

            if (Access != AccessChange.None)
            {
                parts.Add(Word(Access));
            }

            return parts.Count == 0 ? "nothing" : string.Join("; ", parts);
        }

        /// <summary>An access change in words, as results list it: ban, lock, delete, unban, unlock, forget record.</summary>
        public static string Word(AccessChange change) =>
            change == AccessChange.ForgetRecord ? "forget record" : change.ToString().ToLowerInvariant();
    }
}
