using System;
using System.Collections.Generic;
using System.Management.Automation;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// One user read from New-ClerkMigratedUser's input: a work item to send, or the error that says why
    /// it cannot be sent (with the identity known so far, for the Skipped result).
    /// </summary>
    internal sealed class MigrationInput
    {
        private MigrationInput(object targetObject, MigrationWorkItem? workItem, ErrorRecord? error, string? errorId, bool isSetupError, IReadOnlyList<string>? warnings)
        {
            TargetObject = targetObject;
            WorkItem = workItem;
            Error = error;
            ErrorId = errorId;
            IsSetupError = isSetupError;
            Warnings = warnings ?? Array.Empty<string>();
        }

        internal object TargetObject { get; }

        internal MigrationWorkItem? WorkItem { get; }

        internal ErrorRecord? Error { get; }

        internal string? ErrorId { get; }

        /// <summary>The same error would hit every user (no client ID, say): terminate once instead.</summary>
        internal bool IsSetupError { get; }

        internal IReadOnlyList<string> Warnings { get; }

        /// <summary>
        /// The input was ConvertTo-ClerkCognitoDigest's not-migratable marker: that cmdlet already wrote the error, so
        /// the Skipped result is written without a second one.
        /// </summary>
        internal bool ReportedUpstream { get; private set; }

        internal string? CognitoUsername { get; private set; }

        internal string? UserPoolId { get; private set; }

        internal string? Email { get; private set; }

        internal string? ExternalId { get; private set; }

        internal static MigrationInput ToSend(object targetObject, MigrationWorkItem workItem, IReadOnlyList<string>? warnings = null) =>
            new MigrationInput(targetObject, workItem, null, null, false, warnings)
            {
                CognitoUsername = workItem.CognitoUsername,
                UserPoolId = workItem.UserPoolId,
                Email = workItem.Email,
                ExternalId = workItem.ExternalId,
            };

        internal static MigrationInput NotMigratableMarker(
            object targetObject, ErrorRecord error, string errorId, string? cognitoUsername, string? userPoolId, string? email, string? externalId) =>
            new MigrationInput(targetObject, null, error, errorId, false, null)
            {
                CognitoUsername = cognitoUsername,
                UserPoolId = userPoolId,
                Email = email,
                ExternalId = externalId,
                ReportedUpstream = true,
            };

        internal static MigrationInput NotSendable(
            object targetObject,
            ErrorRecord error,
            string errorId,
            bool isSetupError = false,
            string? cognitoUsername = null,
            string? userPoolId = null,
            string? email = null,
            string? externalId = null,
            IReadOnlyList<string>? warnings = null) =>
            new MigrationInput(targetObject, null, error, errorId, isSetupError, warnings)
            {
                CognitoUsername = cognitoUsername,
                UserPoolId = userPoolId,
                Email = email,
                ExternalId = externalId,
            };
    }
}
