using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace CognitoClerk.Hosting;

/// <summary>
/// A console-less, non-interactive PowerShell host that records what would be printed: the "What if:" lines of
/// -WhatIf (which a host-less engine throws away), and what Out-Host renders through the module's views, exactly
/// as an admin sees it at the prompt. A wide buffer by default, so columns are not cut by the terminal that runs
/// it; an 80-column one for the views that promise to read well there. Anything that would prompt fails, as it
/// should in an unattended run, except confirmation prompts when the caller gives an answer for them (a test that
/// stands for an admin answering Yes or No).
/// </summary>
public sealed class RecordingHost : PSHost
{
    private readonly RecordingUserInterface _ui;
    private readonly CultureInfo _culture;

    /// <param name="culture">The culture cmdlets format with; invariant unless the caller stands for an admin's own console.</param>
    /// <param name="answerChoice">
    /// Answers confirmation prompts (ShouldProcess and ShouldContinue with "to All": 0 Yes, 1 Yes to All, 2 No,
    /// 3 No to All) given the prompt's message; null: prompting fails, as in any unattended run.
    /// </param>
    /// <param name="width">The console's width in columns.</param>
    public RecordingHost(CultureInfo? culture = null, Func<string, int>? answerChoice = null, int width = 240)
    {
        _culture = culture ?? CultureInfo.InvariantCulture;
        _ui = new RecordingUserInterface(answerChoice, width);
    }

    /// <summary>The messages of the confirmation prompts answered so far.</summary>
    public IReadOnlyList<string> Prompts => _ui.Prompts;

    /// <summary>Everything written to the host so far.</summary>
    public string Text => _ui.Text;

    public override string Name => "CognitoClerk.RecordingHost";

    public override Version Version { get; } = new(1, 0);

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override PSHostUserInterface UI => _ui;

    public override CultureInfo CurrentCulture => _culture;

    public override CultureInfo CurrentUICulture => _culture;

    /// <summary>Returns and forgets the whole lines written to the host since the last call.</summary>
    public IReadOnlyList<string> TakeLines() => _ui.TakeLines();

    public override void SetShouldExit(int exitCode)
    {
    }

    public override void EnterNestedPrompt() => throw NotInteractive();

    public override void ExitNestedPrompt() => throw NotInteractive();

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    private static PSInvalidOperationException NotInteractive() =>
        new("This host runs unattended and cannot prompt; pass the value as a parameter instead.");

    private sealed class RecordingUserInterface : PSHostUserInterface
    {
        private readonly StringBuilder _text = new();
        private readonly List<string> _lines = new();
        private readonly RecordingRawUserInterface _raw;
        private readonly Func<string, int>? _answerChoice;
        private readonly List<string> _prompts = new();
        private string _partial = string.Empty;

        public RecordingUserInterface(Func<string, int>? answerChoice, int width)
        {
            _answerChoice = answerChoice;
            _raw = new RecordingRawUserInterface(width);
        }

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

        public IReadOnlyList<string> TakeLines()
        {
            lock (_text)
            {
                var taken = _lines.ToList();
                _lines.Clear();
                return taken;
            }
        }

        public override void Write(string value)
        {
            lock (_text)
            {
                _text.Append(value);
                _partial += value;
            }
        }

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);

        public override void WriteLine(string value)
        {
            lock (_text)
            {
                _text.Append(value).Append('\n');
                _lines.Add(_partial + value);
                _partial = string.Empty;
            }
        }

        public override void WriteErrorLine(string value) => WriteLine("ERROR: " + value);

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

        public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice)
        {
            if (_answerChoice == null)
            {
                throw NotInteractive();
            }

            lock (_prompts)
            {
                _prompts.Add(message);
            }

            return _answerChoice(message);
        }
    }

    private sealed class RecordingRawUserInterface(int width) : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

        public override Size BufferSize { get; set; } = new(width, 3000);

        public override Coordinates CursorPosition { get; set; }

        public override int CursorSize { get; set; }

        public override bool KeyAvailable => false;

        public override Size MaxPhysicalWindowSize => new(width, 3000);

        public override Size MaxWindowSize => new(width, 3000);

        public override Coordinates WindowPosition { get; set; }

        public override Size WindowSize { get; set; } = new(width, 3000);

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
