using System.IO;
using System.Management.Automation;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// Opening -JournalPath for a cmdlet that writes to Clerk: for appending, or only for reading under -WhatIf
    /// (which writes nothing, the journal included). Problems are the cmdlet's terminating errors, once.
    /// </summary>
    internal static class CmdletJournal
    {
        /// <summary>True when -WhatIf was passed, or $WhatIfPreference says so.</summary>
        internal static bool IsWhatIf(PSCmdlet cmdlet) =>
            cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? bound)
                ? LanguagePrimitives.IsTrue(bound)
                : LanguagePrimitives.IsTrue(cmdlet.GetVariableValue("WhatIfPreference"));

        /// <param name="mustExist">The journal is the input (Remove-ClerkMigratedUser): a missing file is an error, not a new journal.</param>
        /// <returns>Null when no journal was asked for, or under -WhatIf when none exists yet.</returns>
        internal static MigrationJournal? Open(PSCmdlet cmdlet, string? journalPath, bool whatIf, bool mustExist)
        {
            if (journalPath == null)
            {
                return null;
            }

            string path = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(journalPath);
            if (mustExist && !File.Exists(path))
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new FileNotFoundException($"The journal '{path}' does not exist: pass the -JournalPath New-ClerkMigratedUser wrote.", path),
                    NewClerkMigratedUserCommand.JournalUnavailable,
                    ErrorCategory.ObjectNotFound,
                    journalPath));
            }

            MigrationJournal? journal = null;
            try
            {
                journal = whatIf ? MigrationJournal.OpenForReading(path) : MigrationJournal.Open(path);
            }
            catch (MigrationJournalException ex)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(ex, NewClerkMigratedUserCommand.JournalUnavailable, ErrorCategory.ResourceUnavailable, journalPath));
            }

            if (journal != null)
            {
                cmdlet.WriteVerbose(
                    $"Journal {journal.Path}: {journal.RecordsRead} record(s) from earlier runs, {journal.FinishedUserCount} user(s) finished" +
                    (journal.IgnoredLines > 0 ? $", {journal.IgnoredLines} unreadable line(s) ignored (a torn last line is normal after a crash)." : "."));
            }

            return journal;
        }
    }
}
