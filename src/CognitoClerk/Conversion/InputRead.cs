using System;
using System.Collections.Generic;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// What one pipeline object gave a reader: a value, or the problem that says why there is none (an ErrorId
    /// and the reason, for <see cref="Errors.ErrorRecords.ForSkip"/>). The one "value or error" type of the
    /// cmdlet layer; the engine's own equivalents are DigestResult and MigrationCandidate.
    /// </summary>
    internal sealed class InputRead<T>
        where T : class
    {
        private static readonly IReadOnlyList<MigrationWarning> NoWarnings = Array.Empty<MigrationWarning>();

        private InputRead(object source, T? value, MigrationSkip? problem, string? targetName, IReadOnlyList<MigrationWarning>? warnings)
        {
            Source = source;
            Value = value;
            Problem = problem;
            TargetName = targetName;
            Warnings = warnings ?? NoWarnings;
        }

        /// <summary>The object the value was read from (an element of Users for a list-users response): the TargetObject of errors.</summary>
        internal object Source { get; }

        internal T? Value { get; }

        internal MigrationSkip? Problem { get; }

        /// <summary>Who the problem is about, in a word, when that is known (an error's TargetName).</summary>
        internal string? TargetName { get; }

        /// <summary>The same problem would hit every input (no client ID, say): stop once instead.</summary>
        internal bool IsSetupError => Problem != null && MigrationErrorIds.IsSetupProblem(Problem.ErrorId);

        /// <summary>Something the admin should know about how the value was read; present with a value and with a problem alike.</summary>
        internal IReadOnlyList<MigrationWarning> Warnings { get; }

        internal static InputRead<T> Of(object source, T value, IReadOnlyList<MigrationWarning>? warnings = null) =>
            new InputRead<T>(source, value ?? throw new ArgumentNullException(nameof(value)), null, null, warnings);

        internal static InputRead<T> Failed(object source, string errorId, string reason, string? targetName = null) =>
            new InputRead<T>(source, null, new MigrationSkip(errorId, reason), targetName, null);

        internal static InputRead<T> Failed(object source, MigrationSkip problem, string? targetName = null) =>
            new InputRead<T>(source, null, problem, targetName, null);
    }
}
