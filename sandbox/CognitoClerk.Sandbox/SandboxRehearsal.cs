using System.Management.Automation;
using System.Security;
using CognitoClerk.Emulators;

namespace CognitoClerk.Sandbox;

/// <summary>
/// The rehearsal itself: the commands an admin runs for a migration, in order, against the local services,
/// each printed before it runs and each result checked against what the sample pool says must happen.
/// Anything that does not happen as expected is a problem, listed at the end and turned into exit code 1.
/// </summary>
internal sealed class SandboxRehearsal
{
    private const string Pipeline =
        "Get-CognitoMigrationUser | Where-Object { " + SampleMigrationPool.WhereObjectFilter + " } | ConvertTo-ClerkCognitoDigest | New-ClerkMigratedUser";

    private readonly SandboxOptions _options;
    private readonly SandboxConsole _console;
    private readonly SandboxServices _services;
    private readonly PowerShellSession _ps;
    private readonly string _workDirectory;
    private readonly string _journalPath;
    private readonly string _awsSecretAccessKey = "sandbox" + Guid.NewGuid().ToString("N");
    private readonly List<string> _problems = new();
    private readonly List<CommandRun> _runs = new();
    private readonly List<SampleMigrationUser> _migratable;
    private readonly List<SampleMigrationUser> _refused;
    private readonly List<SampleMigrationUser> _filteredOut;
    private readonly Dictionary<string, string> _clerkIdByUsername = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _reportedByErrorId = new(StringComparer.Ordinal);
    private HashSet<string> _moduleCommands = new(StringComparer.OrdinalIgnoreCase);
    private int _wouldCreate = -1;
    private long _dryRunRequests = -1;
    private int _created;
    private long _rerunCreates = -1;
    private long _moduleTooManyRequests;
    private int _firstSignIns = -1;
    private long _firstSignInCognitoCalls;
    private int _secondSignIns = -1;
    private long _secondSignInCognitoCalls = -1;
    private string _wrongPassword = "not checked";
    private string _preflight = "not in this build of the module";
    private string _validation = "not in this build of the module";
    private CancellationToken _cancellation;

    public SandboxRehearsal(SandboxOptions options, SandboxConsole console, SandboxServices services, PowerShellSession ps, string workDirectory)
    {
        _options = options;
        _console = console;
        _services = services;
        _ps = ps;
        _workDirectory = workDirectory;
        _journalPath = Path.Combine(workDirectory, "migration.jsonl");
        _migratable = services.Users.Where(u => u.Expectation == SampleMigrationExpectation.Migrated).ToList();
        _refused = services.Users.Where(u => u.Expectation == SampleMigrationExpectation.Skipped).ToList();
        _filteredOut = services.Users.Where(u => u.Expectation == SampleMigrationExpectation.FilteredOut).ToList();
    }

    public IReadOnlyList<string> Problems => _problems;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _cancellation = cancellationToken;
        PointAtServices();
        if (!ImportModule())
        {
            return;
        }

        // Each step builds on the one before; after a command that stopped, the rest would only repeat the failure.
        PreflightCheck();
        if (DryRun() && Migrate() && RunAgain())
        {
            await SignInAsync(cancellationToken);
        }

        CheckNoSecretLeaked();
    }

    public void PrintSummary(TimeSpan elapsed)
    {
        _console.Section("Summary");
        var table = new TextTable(("What", 48), ("Figure", 70));
        table.Add("Cognito users seeded", _services.Users.Count.ToString());
        table.Add("left out by Where-Object", _filteredOut.Count.ToString());
        table.Add("pre-flight (Test-CognitoMigrationReadiness)", _preflight);
        table.Add("dry run (-WhatIf): would create", $"{Known(_wouldCreate)} (Clerk requests: {Known(_dryRunRequests)})");
        table.Add("migrated (Created)", $"{_created} of {_migratable.Count} expected (Clerk 429s met by the module: {_moduleTooManyRequests})");
        table.Add("cannot be migrated (reported as errors)", $"{_reportedByErrorId.Values.Sum()} of {_refused.Count} expected");
        foreach (KeyValuePair<string, int> pair in _reportedByErrorId.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            table.Add("  " + pair.Key, pair.Value.ToString());
        }

        table.Add("re-runs: new Clerk users", Known(_rerunCreates));
        table.Add("signed in with the Cognito password", $"{Known(_firstSignIns)}/{_migratable.Count} (Clerk asked Cognito {_firstSignInCognitoCalls} times)");
        table.Add("signed in again", $"{Known(_secondSignIns)}/{_migratable.Count} (Cognito calls: {Known(_secondSignInCognitoCalls)}; Clerk re-hashed the passwords)");
        table.Add("wrong password", _wrongPassword);
        table.Add("one-user validation (Test-ClerkMigratedUser)", _validation);
        table.Add("secret key or a password in any output/journal", _problems.Any(p => p.StartsWith("Secret", StringComparison.Ordinal)) ? "FOUND (see problems)" : "none");
        table.Add("time (services, seeding and every step)", $"{elapsed.TotalSeconds:0.0} s");
        _console.Table(table);
    }

    private static string Known(long value) => value < 0 ? "not run" : value.ToString();

    private void Problem(string text)
    {
        _problems.Add(text);
        _console.Line("!! " + text);
    }

    private void PointAtServices()
    {
        _console.Step("Point the module at the pool and the Clerk instance (the variables Clerk's guide uses)");
        SetVariable("COGNITO_USER_POOL_ID", _services.UserPoolId, $"'{_services.UserPoolId}'");
        SetVariable("COGNITO_CLIENT_ID", _services.Client.ClientId, $"'{_services.Client.ClientId}'");
        SetVariable("CLERK_SECRET_KEY", _services.SecretKey, "'sk_test_...'", "the instance's secret key (the sandbox's is not shown)");
        SetVariable("CLERK_API_URL", _services.Clerk.BaseUrl, $"'{_services.Clerk.BaseUrl}'", "sandbox only; leave unset for Clerk itself");
        SetVariable("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", _services.Cognito.EndpointUrl, $"'{_services.Cognito.EndpointUrl}'", "sandbox only; leave unset for AWS");

        // cognito-local checks no signature, but the module signs every call as it must for AWS: placeholder
        // keys, and none of the admin's own AWS settings (profiles, SSO, a default endpoint) in the way.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIASANDBOXEXAMPLE");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", _awsSecretAccessKey);
        foreach (string name in new[] { "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE" })
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(_workDirectory, "no-aws", "credentials"));
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Path.Combine(_workDirectory, "no-aws", "config"));
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        _console.Line("(AWS credentials: placeholders here, as cognito-local checks no signature; against AWS the module");
        _console.Line(" uses yours: AWS_PROFILE or -ProfileName, environment keys, SSO or assume-role.)");
    }

    private void SetVariable(string name, string value, string shown, string? comment = null)
    {
        Environment.SetEnvironmentVariable(name, value);
        _console.Command($"$env:{name} = {shown}" + (comment == null ? string.Empty : "    # " + comment));
    }

    private bool ImportModule()
    {
        _console.Step("Import the module, as an admin would (the built module folder, not the project's assemblies)");
        _ps.SetLocation(RepositoryPaths.Root);
        CommandRun import = Run("Import-Module ./out/CognitoClerk/CognitoClerk.psd1");
        if (import.Terminating != null || import.Errors.Count > 0)
        {
            Problem("Import-Module failed: " + (import.Terminating?.Message ?? import.Errors[0].ToString()) +
                " (is the module built? `dotnet build CognitoClerk.PowerShell.sln -c Release`)");
            return false;
        }

        CommandRun commands = Run("Get-Command -Module CognitoClerk");
        _moduleCommands = commands.Output.Select(c => Text(c, "Name")).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        _console.Line(string.Join(", ", _moduleCommands.Order(StringComparer.Ordinal)));
        foreach (string required in new[] { "Get-CognitoMigrationUser", "ConvertTo-ClerkCognitoDigest", "New-ClerkMigratedUser" })
        {
            if (!_moduleCommands.Contains(required))
            {
                Problem($"The module exports no {required}.");
            }
        }

        return _problems.Count == 0;
    }

    private void PreflightCheck()
    {
        _console.Step("Pre-flight check: is the pool ready for Clerk's awscognito migration?");
        if (!_moduleCommands.Contains("Test-CognitoMigrationReadiness"))
        {
            _console.Line("Test-CognitoMigrationReadiness is not in this build of the module: skipped.");
            return;
        }

        CommandRun run = Run("Test-CognitoMigrationReadiness");
        ReportTerminating(run);
        var table = new TextTable(("Check", 18), ("Result", 8), ("Detail", 90));
        foreach (PSObject check in run.Output)
        {
            bool passed = Flag(check, "Passed");
            bool skipped = Flag(check, "Skipped");
            string severity = Text(check, "Severity") ?? string.Empty;
            table.Add(Text(check, "Name"), passed ? "passed" : skipped ? "skipped" : severity.ToLowerInvariant(), Text(check, "Detail"));
            if (!passed && !skipped && string.Equals(severity, "Error", StringComparison.OrdinalIgnoreCase))
            {
                Problem($"Pre-flight check {Text(check, "Name")} failed: {Text(check, "Detail")} Fix: {Text(check, "Fix")}");
            }
        }

        _console.Table(table);
        ReportErrors(run, expected: false);
        _preflight = $"{run.Output.Count(c => Flag(c, "Passed"))} of {run.Output.Count} checks passed";
    }

    private bool DryRun()
    {
        _console.Step("Dry run: what would be created, who cannot be migrated and why (-WhatIf sends nothing to Clerk)");
        long requestsBefore = _services.Clerk.Stats.Requests;
        CommandRun run = Run(Pipeline + " -WhatIf");
        if (!ReportTerminating(run))
        {
            return false;
        }

        List<string> whatIf = run.HostLines.Where(l => l.StartsWith("What if:", StringComparison.Ordinal)).ToList();
        foreach (string line in whatIf.Take(3))
        {
            _console.Line(TextWidth.Fit(line, 140));
        }

        if (whatIf.Count > 3)
        {
            _console.Line($"... and {whatIf.Count - 3} more 'What if:' lines");
        }

        _wouldCreate = whatIf.Count;
        _dryRunRequests = _services.Clerk.Stats.Requests - requestsBefore;
        _console.Line($"Would create {_wouldCreate} Clerk users; {run.Errors.Count} users cannot be migrated (errors, listed after the migration).");
        _console.Line($"Clerk received {_dryRunRequests} requests and holds {_services.Clerk.Users.Count} users.");
        Expect(_wouldCreate == _migratable.Count, $"-WhatIf would create {_wouldCreate} users; {_migratable.Count} are migratable.");
        Expect(_dryRunRequests == 0, $"-WhatIf sent {_dryRunRequests} requests to Clerk.");
        CheckRefusals(run);
        return true;
    }

    private bool Migrate()
    {
        _console.Step("The migration: the README pipeline, with a journal so that a re-run skips finished users");
        long tooManyBefore = _services.Clerk.Stats.TooManyRequests;
        CommandRun run = Run(Pipeline + $" -JournalPath '{_journalPath}'");
        if (!ReportTerminating(run))
        {
            return false;
        }

        _moduleTooManyRequests = _services.Clerk.Stats.TooManyRequests - tooManyBefore;

        var rows = new List<(int Order, string Status, string? User, string? ClerkId, string? Reason)>();
        foreach (PSObject result in run.Output)
        {
            string status = Text(result, "Status") ?? "?";
            string? username = Text(result, "CognitoUsername");
            string? clerkId = Text(result, "ClerkUserId");
            if (status == "Created" && username != null && clerkId != null)
            {
                _created++;
                _clerkIdByUsername[username] = clerkId;
            }

            string? reason = Text(result, "Reason");
            string? code = Text(result, "ErrorCode");
            rows.Add((status == "Created" ? 0 : 1, status, username, clerkId, code == null ? reason : $"{code}: {reason}"));
        }

        foreach (ErrorRecord error in run.Errors)
        {
            // The user is in its own column; the reason reads on from "Cognito user 'x' ...".
            string reason = error.Exception.Message;
            string prefix = $"Cognito user '{error.CategoryInfo.TargetName}' ";
            if (reason.StartsWith(prefix, StringComparison.Ordinal))
            {
                reason = reason[prefix.Length..];
                reason = reason.StartsWith("is ", StringComparison.Ordinal) ? reason[3..] : reason;
            }

            rows.Add((2, "Skipped", error.CategoryInfo.TargetName, null, $"{CommandRun.ErrorId(error)}: {reason}"));
        }

        int createdShown = _options.ShowAll || rows.Count <= 50 ? int.MaxValue : 12;
        var table = new TextTable(("Status", 8), ("User", 30), ("Clerk id", 34), ("Reason", 90));
        foreach (var row in rows.OrderBy(r => r.Order).ThenBy(r => r.Reason, StringComparer.Ordinal).ThenBy(r => r.User, StringComparer.Ordinal)
            .Where((r, i) => r.Order != 0 || i < createdShown))
        {
            table.Add(row.Status, row.User, row.ClerkId, row.Reason);
        }

        _console.Line($"{run.Output.Count} results and {run.Errors.Count} errors in {run.Elapsed.TotalSeconds:0.0} s:");
        _console.Table(table);
        if (_created > createdShown)
        {
            _console.Line($"... and {_created - createdShown} more Created (--show-all lists them)");
        }

        _console.Section("    Errors by ErrorId (each is a non-terminating error with the user as its target):");
        var byId = new TextTable(("ErrorId", 34), ("Users", 5), ("Category", 20));
        foreach (IGrouping<string, ErrorRecord> group in run.Errors.GroupBy(CommandRun.ErrorId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            byId.Add(group.Key, group.Count().ToString(), group.First().CategoryInfo.Category.ToString());
            _reportedByErrorId[group.Key] = group.Count();
        }

        _console.Table(byId);

        Expect(run.Output.All(o => Text(o, "Status") == "Created"), "Some results are not Created: " +
            string.Join(", ", run.Output.Where(o => Text(o, "Status") != "Created").Select(o => $"{Text(o, "CognitoUsername")} {Text(o, "Status")}")));
        List<string> missing = _migratable.Select(u => u.Username).Where(n => !_clerkIdByUsername.ContainsKey(n)).ToList();
        Expect(missing.Count == 0, $"{missing.Count} migratable users were not created: {FirstFew(missing)}");
        Expect(_services.Clerk.Users.Count == _migratable.Count, $"Clerk holds {_services.Clerk.Users.Count} users; {_migratable.Count} were expected.");
        CheckRefusals(run);
        List<string> journal = File.Exists(_journalPath) ? File.ReadLines(_journalPath).ToList() : new List<string>();
        Expect(journal.Count == run.Output.Count, $"The journal holds {journal.Count} records for {run.Output.Count} results.");
        if (journal.Count > 0)
        {
            _console.Line($"Journal {_journalPath}: {journal.Count} records, one per user outcome, e.g.:");
            _console.Line("  " + TextWidth.Fit(journal[0], 160));
        }

        return true;
    }

    private bool RunAgain()
    {
        _console.Step("Run the same line again, as a scheduled script would: nothing is created twice");
        long createsBefore = _services.Clerk.Stats.Creates;
        long requestsBefore = _services.Clerk.Stats.Requests;
        CommandRun withJournal = Run(Pipeline + $" -JournalPath '{_journalPath}'");
        if (!ReportTerminating(withJournal))
        {
            return false;
        }

        int fromJournal = withJournal.Output.Count(o => Flag(o, "FromJournal"));
        _console.Line($"{withJournal.Output.Count} results, {fromJournal} of them finished in the earlier run (journal, each claim confirmed by the " +
            $"external_id lookup): {_services.Clerk.Stats.Requests - requestsBefore} Clerk requests, {_services.Clerk.Stats.Creates - createsBefore} new Clerk users.");
        Expect(withJournal.Output.Count == _migratable.Count && fromJournal == _migratable.Count,
            $"The re-run with the journal gave {withJournal.Output.Count} results, {fromJournal} from the journal; {_migratable.Count} expected.");
        CheckRefusals(withJournal);

        _console.Line();
        _console.Line("Without the journal (another machine, or the journal lost), Clerk is asked by external_id (the Cognito sub):");
        requestsBefore = _services.Clerk.Stats.Requests;
        CommandRun withoutJournal = Run(Pipeline);
        if (!ReportTerminating(withoutJournal))
        {
            return false;
        }

        string statuses = string.Join(", ", withoutJournal.Output.GroupBy(o => Text(o, "Status")).Select(g => $"{g.Count()} {g.Key}"));
        _console.Line($"{(statuses.Length == 0 ? "no results" : statuses)}: {_services.Clerk.Stats.Requests - requestsBefore} Clerk requests " +
            $"(lookups of up to 100 external_ids each), {_services.Clerk.Stats.Creates - createsBefore} new Clerk users.");
        Expect(withoutJournal.Output.Count == _migratable.Count && withoutJournal.Output.All(o => Text(o, "Status") == "AlreadyMigrated"),
            $"The re-run without the journal gave {statuses}; {_migratable.Count} AlreadyMigrated expected.");
        CheckRefusals(withoutJournal);
        _rerunCreates = _services.Clerk.Stats.Creates - createsBefore;
        Expect(_rerunCreates == 0, $"The re-runs created {_rerunCreates} Clerk users.");
        return true;
    }

    private async Task SignInAsync(CancellationToken cancellationToken)
    {
        _console.Step("Sign in as Clerk does at a user's first sign-in: POST /v1/users/{id}/verify_password with the Cognito password");
        List<SampleMigrationUser> signingIn = _migratable.Where(u => _clerkIdByUsername.ContainsKey(u.Username)).ToList();
        if (signingIn.Count == 0)
        {
            Problem("No migrated user to sign in.");
            return;
        }

        using var probe = new ClerkSignInProbe(_services.Clerk.BaseUrl, _services.SecretKey);
        SampleMigrationUser first = signingIn[0];

        // A wrong password first, while Clerk still has to ask Cognito for this user.
        long cognitoBefore = _services.Clerk.Stats.CognitoCalls;
        ClerkSignInAnswer wrong = await probe.VerifyPasswordAsync(_clerkIdByUsername[first.Username], first.Password + "-wrong", cancellationToken);
        bool askedCognito = _services.Clerk.Stats.CognitoCalls > cognitoBefore;
        _wrongPassword = wrong.Verified
            ? "ACCEPTED (a problem)"
            : $"refused: {wrong.Status} {wrong.ErrorCode}" + (askedCognito ? " (Cognito said no)" : string.Empty);
        _console.Line($"'{first.Username}' with a wrong password: {_wrongPassword}");
        Expect(!wrong.Verified && wrong.ErrorCode == "incorrect_password" && askedCognito,
            $"A wrong password for '{first.Username}' was answered {wrong}.");

        cognitoBefore = _services.Clerk.Stats.CognitoCalls;
        var failures = new List<string>();
        foreach (SampleMigrationUser user in signingIn)
        {
            ClerkSignInAnswer answer = await probe.VerifyPasswordAsync(_clerkIdByUsername[user.Username], user.Password, cancellationToken);
            if (!answer.Verified)
            {
                failures.Add($"{user.Username}: {answer}");
            }
        }

        _firstSignIns = signingIn.Count - failures.Count;
        _firstSignInCognitoCalls = _services.Clerk.Stats.CognitoCalls - cognitoBefore;
        _console.Line($"Every migrated user with their own Cognito password: {_firstSignIns}/{signingIn.Count} accepted; " +
            $"Clerk asked Cognito (InitiateAuth, USER_PASSWORD_AUTH) {_firstSignInCognitoCalls} times.");
        foreach (string failure in failures.Take(10))
        {
            Problem("Sign-in refused: " + failure);
        }

        cognitoBefore = _services.Clerk.Stats.CognitoCalls;
        int again = 0;
        foreach (SampleMigrationUser user in signingIn)
        {
            if ((await probe.VerifyPasswordAsync(_clerkIdByUsername[user.Username], user.Password, cancellationToken)).Verified)
            {
                again++;
            }
        }

        _secondSignIns = again;
        _secondSignInCognitoCalls = _services.Clerk.Stats.CognitoCalls - cognitoBefore;
        _console.Line($"Second sign-in: {again}/{signingIn.Count} accepted with {_secondSignInCognitoCalls} Cognito calls: " +
            "Clerk re-hashed each password at the first sign-in.");
        Expect(again == signingIn.Count && _secondSignInCognitoCalls == 0,
            $"Second sign-ins: {again}/{signingIn.Count} accepted, {_secondSignInCognitoCalls} Cognito calls.");
        if (probe.TooManyRequests > 0)
        {
            _console.Line($"(The sign-in checks met Clerk's rate limit {probe.TooManyRequests} times and waited as Retry-After said.)");
        }

        ValidateOneUser(first);
    }

    private void ValidateOneUser(SampleMigrationUser user)
    {
        if (!_moduleCommands.Contains("Test-ClerkMigratedUser"))
        {
            _console.Line("Test-ClerkMigratedUser is not in this build of the module: the one-user validation is skipped.");
            return;
        }

        _console.Line();
        _console.Line("The same check for one user with the module, as an admin validates a user whose password they know:");
        _console.Command("$password = Read-Host -AsSecureString    # the sandbox sets it without showing it");
        using var password = new SecureString();
        foreach (char c in user.Password)
        {
            password.AppendChar(c);
        }

        password.MakeReadOnly();
        _ps.SetHiddenVariable("password", password);
        CommandRun run = Run($"Test-ClerkMigratedUser -Identifier '{user.Username}' -Password $password");
        _ps.SetHiddenVariable("password", null);
        ReportTerminating(run);
        ReportErrors(run, expected: false);
        foreach (PSObject result in run.Output)
        {
            _validation = $"Passed: {Text(result, "Passed")}; Cognito: {Text(result, "CognitoStatus")}; Clerk: {Text(result, "ClerkStatus")}";
            _console.Line($"{_validation} ({Text(result, "ClerkUserId")})");
            Expect(Flag(result, "Passed"), $"Test-ClerkMigratedUser did not pass for '{user.Username}': {Text(result, "CognitoDetail")} {Text(result, "ClerkDetail")}");
        }

        Expect(run.Output.Count == 1, $"Test-ClerkMigratedUser wrote {run.Output.Count} results for one user.");
    }

    /// <summary>The Clerk key, every password and the AWS secret must appear in no stream of any command and not in the journal.</summary>
    private void CheckNoSecretLeaked()
    {
        var places = _runs.Select(r => (Where: "the output of: " + r.Script, Text: r.AllText())).ToList();
        if (File.Exists(_journalPath))
        {
            places.Add(("the journal", File.ReadAllText(_journalPath)));
        }

        foreach ((string where, string text) in places)
        {
            if (text.Contains(_services.SecretKey, StringComparison.Ordinal))
            {
                Problem("Secret: the Clerk secret key appeared in " + where);
            }

            if (text.Contains(_awsSecretAccessKey, StringComparison.Ordinal))
            {
                Problem("Secret: the AWS secret access key appeared in " + where);
            }

            int passwords = _services.Users.Count(u => text.Contains(u.Password, StringComparison.Ordinal));
            if (passwords > 0)
            {
                Problem($"Secret: {passwords} passwords appeared in {where}");
            }
        }
    }

    /// <exception cref="OperationCanceledException">After Ctrl+C: no further command starts.</exception>
    private CommandRun Run(string script)
    {
        _cancellation.ThrowIfCancellationRequested();
        CommandRun run = _ps.Run(script);
        _runs.Add(run);
        return run;
    }

    /// <summary>
    /// Each refused user reported exactly once with the ErrorId the sample pool expects, and nobody else. At most
    /// one problem per kind of mismatch, naming the first few users, so one fault does not bury the rest.
    /// </summary>
    private void CheckRefusals(CommandRun run)
    {
        var reported = new Dictionary<string, string>(StringComparer.Ordinal);
        var twice = new List<string>();
        foreach (ErrorRecord error in run.Errors)
        {
            if (!reported.TryAdd(error.CategoryInfo.TargetName ?? string.Empty, CommandRun.ErrorId(error)))
            {
                twice.Add(error.CategoryInfo.TargetName ?? string.Empty);
            }
        }

        var missing = new List<string>();
        var wrong = new List<string>();
        foreach (SampleMigrationUser user in _refused)
        {
            if (!reported.Remove(user.Username, out string? errorId))
            {
                missing.Add($"'{user.Username}' ({user.ExpectedErrorId})");
            }
            else if (errorId != user.ExpectedErrorId)
            {
                wrong.Add($"'{user.Username}' as {errorId}, not {user.ExpectedErrorId}");
            }
        }

        List<string> unexpected = reported.Select(p => $"'{p.Key}' {p.Value}").ToList();
        Expect(missing.Count == 0, $"{missing.Count} users who cannot be migrated were not reported: {FirstFew(missing)}");
        Expect(wrong.Count == 0, $"{wrong.Count} users were reported with the wrong ErrorId: {FirstFew(wrong)}");
        Expect(unexpected.Count == 0, $"{unexpected.Count} unexpected errors: {FirstFew(unexpected)}");
        Expect(twice.Count == 0, $"{twice.Count} users were reported twice: {FirstFew(twice)}");
    }

    private static string FirstFew(IReadOnlyList<string> items) =>
        string.Join(", ", items.Take(5)) + (items.Count > 5 ? $" and {items.Count - 5} more" : string.Empty);

    /// <summary>
    /// Reports a command that stopped: a terminating error, or an error about no user of the pool (a cmdlet's
    /// setup error ends its statement inside a script and lands in the error stream). False when it stopped.
    /// </summary>
    private bool ReportTerminating(CommandRun run)
    {
        ErrorRecord? setup = (run.Terminating as IContainsErrorRecord)?.ErrorRecord
            ?? run.Errors.FirstOrDefault(e => !_services.Users.Any(u => u.Username == e.CategoryInfo.TargetName));
        if (setup == null && run.Terminating == null)
        {
            return true;
        }

        Problem("The command stopped: " + (setup != null ? $"{CommandRun.ErrorId(setup)}: {setup.Exception?.Message}" : run.Terminating!.Message));
        return false;
    }

    private void ReportErrors(CommandRun run, bool expected)
    {
        foreach (ErrorRecord error in run.Errors.Take(10))
        {
            string text = $"{CommandRun.ErrorId(error)}: {error.Exception.Message}";
            if (expected)
            {
                _console.Line(text);
            }
            else
            {
                Problem(text);
            }
        }
    }

    private void Expect(bool condition, string problem)
    {
        if (!condition)
        {
            Problem(problem);
        }
    }

    private static string? Text(PSObject o, string property) => o.Properties[property]?.Value?.ToString();

    private static bool Flag(PSObject o, string property) => LanguagePrimitives.IsTrue(o.Properties[property]?.Value);
}
