using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace CognitoClerk.Sandbox;

/// <summary>
/// A non-interactive PowerShell host that keeps what cmdlets write to the host itself rather than to a
/// stream: above all the "What if:" lines of -WhatIf, which a host-less engine throws away. Anything that
/// would prompt fails, as it should in an unattended run.
/// </summary>
internal sealed class RecordingHost : PSHost
{
    private readonly RecordingHostUserInterface _ui = new();

    public override string Name => "CognitoClerk.Sandbox";

    public override Version Version { get; } = new(1, 0);

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override PSHostUserInterface UI => _ui;

    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    /// <summary>Returns and forgets the lines written to the host since the last call.</summary>
    public IReadOnlyList<string> TakeLines() => _ui.TakeLines();

    public override void SetShouldExit(int exitCode)
    {
    }

    public override void EnterNestedPrompt() => throw new NotSupportedException("The sandbox is not interactive.");

    public override void ExitNestedPrompt() => throw new NotSupportedException("The sandbox is not interactive.");

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    private sealed class RecordingHostUserInterface : PSHostUserInterface
    {
        private readonly List<string> _lines = new();
        private string _partial = string.Empty;

        // No console window to describe: nothing the sandbox runs asks for one.
        public override PSHostRawUserInterface RawUI => null!;

        public IReadOnlyList<string> TakeLines()
        {
            lock (_lines)
            {
                var taken = _lines.ToList();
                _lines.Clear();
                return taken;
            }
        }

        public override void Write(string value)
        {
            lock (_lines)
            {
                _partial += value;
            }
        }

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);

        public override void WriteLine(string value)
        {
            lock (_lines)
            {
                _lines.Add(_partial + value);
                _partial = string.Empty;
            }
        }

        public override void WriteErrorLine(string value) => WriteLine(value);

        // Streams are collected by PowerShell.Invoke; these are only reached when a cmdlet writes to the host.
        public override void WriteDebugLine(string message) => WriteLine("DEBUG: " + message);

        public override void WriteVerboseLine(string message) => WriteLine("VERBOSE: " + message);

        public override void WriteWarningLine(string message) => WriteLine("WARNING: " + message);

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
        }

        public override string ReadLine() => throw NotInteractive();

        public override SecureString ReadLineAsSecureString() => throw NotInteractive();

        public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) =>
            throw NotInteractive();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw NotInteractive();

        public override PSCredential PromptForCredential(
            string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw NotInteractive();

        public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice) =>
            throw NotInteractive();

        private static PSInvalidOperationException NotInteractive() =>
            new("The sandbox runs unattended and cannot prompt; pass the value as a parameter instead.");
    }
}
