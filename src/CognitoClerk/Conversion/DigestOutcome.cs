using System;
using System.Collections.Generic;
using System.Management.Automation;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// What became of one user read from pipeline input: a digest to write (perhaps with warnings), or an
    /// error to report. Exactly one of <see cref="Digest"/> and <see cref="Error"/> is set.
    /// </summary>
    internal sealed class DigestOutcome
    {
        internal DigestOutcome(
            object targetObject,
            CognitoMigrationUser? sourceUser,
            DigestResult? result,
            ClerkCognitoDigest? digest,
            string? errorId,
            ErrorRecord? error,
            bool isSetupError,
            IReadOnlyList<MigrationWarning>? warnings)
        {
            TargetObject = targetObject;
            SourceUser = sourceUser;
            Result = result;
            Digest = digest;
            ErrorId = errorId;
            Error = error;
            IsSetupError = isSetupError;
            Warnings = warnings ?? Array.Empty<MigrationWarning>();
        }

        /// <summary>The input object the user was read from (an element of Users for a list-users response).</summary>
        internal object TargetObject { get; }

        /// <summary>The user as the public type; null only when the input could not be read as a user.</summary>
        internal CognitoMigrationUser? SourceUser { get; }

        /// <summary>The engine's result (its Request is the CreateUser payload); null when the input could not be read.</summary>
        internal DigestResult? Result { get; }

        /// <summary>Set when the user can be migrated.</summary>
        internal ClerkCognitoDigest? Digest { get; }

        /// <summary>Set when it cannot: ErrorId, category, TargetObject and the reason, ready for WriteError.</summary>
        internal ErrorRecord? Error { get; }

        /// <summary>
        /// The error is the same for every user (e.g. no pool ID in the input, as a parameter or in the
        /// environment): report it with ThrowTerminatingError, once, instead of once per user.
        /// </summary>
        internal bool IsSetupError { get; }

        /// <summary>For WriteWarning; each message names the user. Present for migratable users and readable ones alike.</summary>
        internal IReadOnlyList<MigrationWarning> Warnings { get; }

        /// <summary>Set with <see cref="Error"/>: a MigrationErrorIds or InputErrorIds value, for reports and result objects.</summary>
        internal string? ErrorId { get; }
    }
}
