using System;
using System.Collections.Generic;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Conversion
{
    /// <summary>One user read from pipeline input, or why the input could not be read as one.</summary>
    internal sealed class CognitoUserReadResult
    {
        private CognitoUserReadResult(
            object source,
            CognitoUser? user,
            CognitoMigrationUser? typedUser,
            string? errorId,
            string? reason,
            IReadOnlyList<MigrationWarning>? warnings)
        {
            Source = source;
            User = user;
            TypedUser = typedUser;
            ErrorId = errorId;
            Reason = reason;
            Warnings = warnings ?? Array.Empty<MigrationWarning>();
        }

        /// <summary>The object this user came from (an element of Users for a list-users response): the TargetObject of errors.</summary>
        internal object Source { get; }

        internal CognitoUser? User { get; }

        /// <summary>The input itself when it already was a <see cref="CognitoMigrationUser"/>.</summary>
        internal CognitoMigrationUser? TypedUser { get; }

        /// <summary>One of <see cref="InputErrorIds"/> when <see cref="User"/> is null.</summary>
        internal string? ErrorId { get; }

        internal string? Reason { get; }

        internal IReadOnlyList<MigrationWarning> Warnings { get; }

        internal static CognitoUserReadResult Read(
            object source, CognitoUser user, CognitoMigrationUser? typedUser, IReadOnlyList<MigrationWarning> warnings) =>
            new CognitoUserReadResult(source, user, typedUser, null, null, warnings);

        internal static CognitoUserReadResult Unreadable(object source, string errorId, string reason) =>
            new CognitoUserReadResult(source, null, null, errorId, reason, null);
    }
}
