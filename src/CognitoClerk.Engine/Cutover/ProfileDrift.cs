using System;
using System.Collections.Generic;
using System.Linq;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Engine.Cutover
{
    /// <summary>
    /// How a Clerk user differs from the profile the mapping makes of the Cognito user today
    /// (<see cref="CognitoDigestMapper.MapProfile"/>): names, the primary email and phone number, and every
    /// metadata leaf the mapping writes (and, from the import record, the leaves it wrote once but no longer
    /// would). The user's Cognito username and pool, and the import record itself, are not compared; nor is
    /// the place of the groups when the Cognito user's groups were not read (no groups read is not "in no group").
    /// </summary>
    public static class ProfileDrift
    {
        /// <param name="profile">What the mapping makes of the Cognito user today.</param>
        /// <param name="clerk">The Clerk user.</param>
        /// <param name="notCompared">A metadata place (dotted path) left out, with everything under it; see <see cref="UnreadGroups"/>.</param>
        public static IReadOnlyList<ProfileDifference> Between(ClerkCreateUserRequest profile, ClerkUser clerk, string? notCompared = null)
        {
            if (profile == null)
            {
                throw new ArgumentNullException(nameof(profile));
            }

            if (clerk == null)
            {
                throw new ArgumentNullException(nameof(clerk));
            }

            var differences = new List<ProfileDifference>();
            Compare(differences, ImportRecord.FirstName, profile.FirstName, clerk.FirstName, StringComparer.Ordinal);
            Compare(differences, ImportRecord.LastName, profile.LastName, clerk.LastName, StringComparer.Ordinal);
            Compare(differences, ImportRecord.EmailAddress, profile.EmailAddress?.FirstOrDefault(), clerk.PrimaryEmailAddress, StringComparer.OrdinalIgnoreCase);
            Compare(differences, ImportRecord.PhoneNumber, profile.PhoneNumber?.FirstOrDefault(), clerk.PrimaryPhoneNumber, StringComparer.Ordinal);

            var wanted = new HashSet<string>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, string> leaf in MetadataLeaves.Of(profile))
            {
                if (ImportRecord.IsRecorded(leaf.Key) && !IsUnder(leaf.Key, notCompared))
                {
                    wanted.Add(leaf.Key);
                    Compare(differences, leaf.Key, leaf.Value, MetadataLeaves.Find(clerk.PublicMetadata, clerk.PrivateMetadata, clerk.UnsafeMetadata, leaf.Key), StringComparer.Ordinal);
                }
            }

            // A leaf the import wrote that Cognito no longer has (an attribute removed since) differs too.
            ImportRecord? record = ImportRecord.Read(clerk.PrivateMetadata);
            if (record != null)
            {
                foreach (string field in record.Fields.Where(f => f.IndexOf('.') >= 0 && !wanted.Contains(f) && !IsUnder(f, notCompared)))
                {
                    Compare(differences, field, null, MetadataLeaves.Find(clerk.PublicMetadata, clerk.PrivateMetadata, clerk.UnsafeMetadata, field), StringComparer.Ordinal);
                }
            }

            return differences;
        }

        /// <summary>
        /// Where the mapping puts the groups, when <paramref name="user"/>'s groups were not read (Groups null, as
        /// ListUsers leaves them): that place is then unknown, not empty, and must not read as "removed in Cognito".
        /// Null when the groups were read.
        /// </summary>
        public static string? UnreadGroups(CognitoUser user, DigestOptions options)
        {
            if (user == null)
            {
                throw new ArgumentNullException(nameof(user));
            }

            return user.Groups != null ? null : (options.AttributeMap.GroupsTarget ?? MetadataTarget.DefaultGroups).ToString();
        }

        private static bool IsUnder(string field, string? place) =>
            place != null && (field == place || field.StartsWith(place + ".", StringComparison.Ordinal));

        private static void Compare(List<ProfileDifference> differences, string field, string? inCognito, string? inClerk, StringComparer comparer)
        {
            string? cognito = string.IsNullOrEmpty(inCognito) ? null : inCognito;
            string? clerk = string.IsNullOrEmpty(inClerk) ? null : inClerk;
            if (!comparer.Equals(cognito ?? string.Empty, clerk ?? string.Empty))
            {
                differences.Add(new ProfileDifference(field, cognito, clerk));
            }
        }
    }
}
