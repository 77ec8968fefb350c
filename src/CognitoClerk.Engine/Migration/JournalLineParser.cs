using System;
using System.Collections.Generic;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// Reads one journal line with <see cref="Utf8JsonReader"/>, straight from the bytes: the few values the index
    /// needs are taken in place (unescaped into a reused buffer only when the line escapes them) and everything
    /// else is stepped over, so reading a million lines makes no string.
    /// <para>
    /// A line is a record exactly when <see cref="JsonSerializer"/> would read it as a
    /// <see cref="MigrationJournalRecord"/> with a status, which is how journals were always read: one JSON object
    /// and nothing after it, each of the record's (string) properties a string or null (properties it does not
    /// declare are stepped over, as the serializer ignores them), and a non-null status. Anything else (a line torn by a crash, text someone added)
    /// is not a record.
    /// </para>
    /// </summary>
    internal sealed class JournalLineParser
    {
        private static readonly byte[] PoolName = JsonNameOf(nameof(MigrationJournalRecord.UserPoolId));
        private static readonly byte[] UsernameName = JsonNameOf(nameof(MigrationJournalRecord.CognitoUsername));
        private static readonly byte[] ExternalIdName = JsonNameOf(nameof(MigrationJournalRecord.ExternalId));
        private static readonly byte[] StatusName = JsonNameOf(nameof(MigrationJournalRecord.Status));
        private static readonly byte[] OperationName = JsonNameOf(nameof(MigrationJournalRecord.Operation));
        private static readonly byte[] InstanceIdName = JsonNameOf(nameof(MigrationJournalRecord.InstanceId));

        private static readonly byte[] RemoveOperation = Encoding.UTF8.GetBytes(MigrationJournal.RemoveOperation);
        private static readonly byte[] RemovedStatus = Encoding.UTF8.GetBytes(MigrationJournal.RemovedStatus);
        private static readonly byte[] NotFoundStatus = Encoding.UTF8.GetBytes(MigrationJournal.NotFoundStatus);

        /// <summary>The record's properties: each must be a string or null for the line to be a record.</summary>
        private static readonly byte[][] RecordNames = AllJsonNames();

        /// <summary>Each status's name, and whether it finishes the user.</summary>
        private static readonly KeyValuePair<byte[], bool>[] StatusNames = KnownStatuses();

        private byte[] _unescaped = new byte[256];

        /// <summary>Reads <paramref name="line"/>; false when it is not a record (the caller counts it as an ignored line).</summary>
        public bool TryParse(ReadOnlySpan<byte> line, out JournalLine fields)
        {
            fields = default;
            if (_unescaped.Length < line.Length)
            {
                _unescaped = new byte[Math.Max(line.Length, _unescaped.Length * 2)];
            }

            try
            {
                return TryRead(line, ref fields);
            }
            catch (JsonException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                // An escape that is not valid UTF-16 (a lone surrogate): the serializer refuses it too.
                return false;
            }
        }

        /// <summary>
        /// What a record says about its user, by the journal's rule: a removal record (any operation) takes the user
        /// back when it is <see cref="MigrationJournal.IsGone"/> and says nothing otherwise (Kept, a failed removal);
        /// a migration record claims the user when its status is finished
        /// (<see cref="MigrationJournal.IsFinished(MigrationStatus)"/>) and takes the claim back otherwise (Failed,
        /// Skipped, Conflict, a status this version does not know).
        /// </summary>
        internal static JournalRecordEffect EffectOf(ReadOnlySpan<byte> status, bool hasOperation, ReadOnlySpan<byte> operation)
        {
            if (hasOperation)
            {
                bool gone = operation.SequenceEqual(RemoveOperation) && (status.SequenceEqual(RemovedStatus) || status.SequenceEqual(NotFoundStatus));
                return gone ? JournalRecordEffect.TakesBack : JournalRecordEffect.None;
            }

            return IsFinishedStatus(status) ? JournalRecordEffect.Claims : JournalRecordEffect.TakesBack;
        }

        /// <summary>Finished, by the same rule as <see cref="MigrationJournal.IsFinished(MigrationStatus)"/> over the status's name.</summary>
        internal static bool IsFinishedStatus(ReadOnlySpan<byte> status)
        {
            foreach (KeyValuePair<byte[], bool> known in StatusNames)
            {
                if (status.SequenceEqual(known.Key))
                {
                    return known.Value;
                }
            }

            // Rare: a status a later version added, a number, a name with spaces around it. Enum.TryParse
            // reads them as the record's string always was.
            return status.Length < 64
                && Enum.TryParse(Encoding.UTF8.GetString(status.ToArray()), ignoreCase: false, out MigrationStatus parsed)
                && MigrationJournal.IsFinished(parsed);
        }

        private bool TryRead(ReadOnlySpan<byte> line, ref JournalLine fields)
        {
            var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            bool hasStatus = false;
            bool hasOperation = false;
            ReadOnlySpan<byte> status = default;
            ReadOnlySpan<byte> operation = default;
            int unescapedUsed = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                byte[]? name = RecordNameAt(ref reader);
                reader.Read();
                if (name == null)
                {
                    reader.Skip();
                    continue;
                }

                if (reader.TokenType != JsonTokenType.String && reader.TokenType != JsonTokenType.Null)
                {
                    return false;
                }

                if (name != PoolName && name != UsernameName && name != ExternalIdName && name != StatusName && name != OperationName && name != InstanceIdName)
                {
                    continue;
                }

                ReadOnlySpan<byte> value = default;
                if (reader.TokenType == JsonTokenType.String)
                {
                    value = reader.ValueSpan;
                    if (reader.ValueIsEscaped)
                    {
                        // The serializer escapes every non-ASCII character (\u00F8): unescape into the buffer, which
                        // holds the line's length and so every value of it.
                        int length = reader.CopyString(_unescaped.AsSpan(unescapedUsed));
                        value = _unescaped.AsSpan(unescapedUsed, length);
                        unescapedUsed += length;
                    }
                }

                // A repeated property: the last one wins, as in the serializer.
                if (name == PoolName)
                {
                    fields.UserPoolId = value;
                }
                else if (name == UsernameName)
                {
                    fields.CognitoUsername = value;
                }
                else if (name == ExternalIdName)
                {
                    fields.ExternalId = value;
                }
                else if (name == InstanceIdName)
                {
                    fields.HasInstanceId = reader.TokenType == JsonTokenType.String;
                    fields.InstanceId = value;
                }
                else if (name == StatusName)
                {
                    hasStatus = reader.TokenType == JsonTokenType.String;
                    status = value;
                }
                else
                {
                    hasOperation = reader.TokenType == JsonTokenType.String;
                    operation = value;
                }
            }

            // The object must be closed and nothing but white space may follow it.
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read() || !hasStatus)
            {
                return false;
            }

            fields.Effect = EffectOf(status, hasOperation, operation);
            return true;
        }

        private static byte[]? RecordNameAt(ref Utf8JsonReader reader)
        {
            foreach (byte[] name in RecordNames)
            {
                if (reader.ValueTextEquals(name))
                {
                    return name;
                }
            }

            return null;
        }

        private static KeyValuePair<byte[], bool>[] KnownStatuses()
        {
            var statuses = new List<KeyValuePair<byte[], bool>>();
            foreach (MigrationStatus status in (MigrationStatus[])Enum.GetValues(typeof(MigrationStatus)))
            {
                statuses.Add(new KeyValuePair<byte[], bool>(Encoding.UTF8.GetBytes(status.ToString()), MigrationJournal.IsFinished(status)));
            }

            return statuses.ToArray();
        }

        private static byte[] JsonNameOf(string propertyName)
        {
            PropertyInfo property = typeof(MigrationJournalRecord).GetProperty(propertyName)!;
            return Encoding.UTF8.GetBytes(property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? property.Name);
        }

        /// <summary>The JSON names of the record's string properties, the six the journal reads first.</summary>
        private static byte[][] AllJsonNames()
        {
            var names = new List<byte[]> { PoolName, UsernameName, ExternalIdName, StatusName, OperationName, InstanceIdName };
            foreach (PropertyInfo property in typeof(MigrationJournalRecord).GetProperties())
            {
                if (property.PropertyType != typeof(string))
                {
                    continue;
                }

                byte[] name = JsonNameOf(property.Name);
                if (!names.Exists(known => known.AsSpan().SequenceEqual(name)))
                {
                    names.Add(name);
                }
            }

            return names.ToArray();
        }
    }
}
