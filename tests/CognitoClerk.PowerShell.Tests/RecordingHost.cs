using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// A console-less PowerShell host that records what would be printed. The hosted engine has no Format-*
/// or Out-String, but Out-Host renders through the module's views into this host's UI, which is exactly
/// what an admin sees at the prompt. Wide buffer, so columns are not cut by the test's terminal size.
/// </summary>
public sealed class RecordingHost : PSHost
{
    private readonly RecordingUserInterface _ui;
    private readonly Guid _id = Guid.NewGuid();

    /// <param name="answerChoice">
    /// Answers confirmation prompts (ShouldProcess: 0 Yes, 1 Yes to All, 2 No, 3 No to All) given the prompt's
    /// message; null for hosts that must never be asked.
    /// </param>
    public RecordingHost(Func<string, int>? answerChoice = null) => _ui = new RecordingUserInterface(answerChoice);

    public string Text => _ui.Text;

    /// <summary>The messages of the prompts answered so far.</summary>
    public IReadOnlyList<string> Prompts => _ui.Prompts;

    public override string Name => "CognitoClerk.Tests.RecordingHost";

    public override Version Version => new(1, 0);

    public override Guid InstanceId => _id;

    public override PSHostUserInterface UI => _ui;

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public override void SetShouldExit(int exitCode)
    {
    }

    public override void EnterNestedPrompt() => throw new NotSupportedException();

    public override void ExitNestedPrompt() => throw new NotSupportedException();

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    private sealed class RecordingUserInterface : PSHostUserInterface
    {
        private readonly StringBuilder _text = new();
        private readonly RecordingRawUserInterface _raw = new();
        private readonly Func<string, int>? _answerChoice;
        private readonly List<string> _prompts = new();

        public RecordingUserInterface(Func<string, int>? answerChoice) => _answerChoice = answerChoice;

        public IReadOnlyList<string> Prompts
        {
            get
            {
                lock (_prompts)
                {
                    return _prompts.ToList();
                }
            }
        }

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public override PSHostRawUserInterface RawUI => _raw;

        public override void Write(string value) => Append(value);

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Append(value);

        public override void WriteLine(string value) => Append(value + "\n");

        public override void WriteErrorLine(string value) => Append("ERROR: " + value + "\n");

        public override void WriteDebugLine(string message) => Append("DEBUG: " + message + "\n");

        public override void WriteVerboseLine(string message) => Append("VERBOSE: " + message + "\n");

        public override void WriteWarningLine(string message) => Append("WARNING: " + message + "\n");

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
        }

        public override string ReadLine() => throw new NotSupportedException("The tests never prompt.");

        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("The tests never prompt.");

        public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) =>
            throw new NotSupportedException("The tests never prompt.");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new NotSupportedException("The tests never prompt.");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw new NotSupportedException("The tests never prompt.");

        public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice)
        {
            if (_answerChoice == null)
            {
                throw new NotSupportedException("The tests never prompt.");
            }

            lock (_prompts)
            {
                _prompts.Add(message);
            }

            return _answerChoice(message);
        }

        private void Append(string value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }
    }

    private sealed class RecordingRawUserInterface : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

        public override Size BufferSize { get; set; } = new(240, 3000);

        public override Coordinates CursorPosition { get; set; }

        public override int CursorSize { get; set; }

        public override bool KeyAvailable => false;

        public override Size MaxPhysicalWindowSize => new(240, 3000);

        public override Size MaxWindowSize => new(240, 3000);

        public override Coordinates WindowPosition { get; set; }

        public override Size WindowSize { get; set; } = new(240, 3000);

        public override string WindowTitle { get; set; } = string.Empty;

        public override void FlushInputBuffer()
        {
        }

        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();

        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();

        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) => throw new NotSupportedException();

        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw new NotSupportedException();

        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw new NotSupportedException();
    }
}
