using System;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// What <see cref="JournalUserIndex"/> needs of one journal line, as unescaped UTF-8 read in place: whose record
    /// it is and whether it finishes the user. Valid until the parser reads the next line. An absent or null value
    /// is empty, as the journal has always read it (a null pool is the empty pool, an empty external_id is none).
    /// </summary>
    internal ref struct JournalLine
    {
        public ReadOnlySpan<byte> UserPoolId;

        public ReadOnlySpan<byte> CognitoUsername;

        public ReadOnlySpan<byte> ExternalId;

        /// <summary>The Clerk instance the record names; see <see cref="HasInstanceId"/>.</summary>
        public ReadOnlySpan<byte> InstanceId;

        /// <summary>False when the record names no instance (written before records named it, or it was unknown).</summary>
        public bool HasInstanceId;

        /// <summary>What the record says about whether the user is in Clerk.</summary>
        public JournalRecordEffect Effect;
    }
}
