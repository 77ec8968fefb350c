using CognitoClerk.Emulators;

namespace CognitoClerk.Sandbox;

/// <summary>
/// The rehearsal itself: the commands an admin runs for a migration, in order, against the local services, in a
/// real pwsh whose output goes straight to the console (the module's own views, errors and What if: lines), each
/// printed before it runs and each result checked against what the sample pool says must happen. Anything that
/// does not happen as expected is a problem, listed at the end and turned into exit code 1.
/// </summary>
internal sealed class SandboxRehearsal
{
    private const string Pipeline =
        "Get-CognitoMigrationUser | Where-Object { " + SampleMigrationPool.WhereObjectFilter + " } | ConvertTo-ClerkCognitoDigest | New-ClerkMigratedUser";

    /// <summary>The README line as a scheduled re-run writes it: the results carry every reason, so the errors can stay quiet.</summary>
    private const string QuietPipeline =
        "Get-CognitoMigrationUser | Where-Object { " + SampleMigrationPool.WhereObjectFilter + " } | ConvertTo-ClerkCognitoDigest -ErrorAction SilentlyContinue | New-ClerkMigratedUser";

    /// <summary>Results shown before "... and N more" unless --show-all.</summary>
    private const int DisplayedResults = 50;

    private readonly SandboxOptions _options;
    private readonly SandboxConsole _console;
    private readonly SandboxServices _services;
    private readonly string _workDirectory;
    private readonly string _journalPath;
    private PwshSession? _ps;
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
    private SandboxCutover? _cutover;
    private CancellationToken _cancellation;

    public SandboxRehearsal(SandboxOptions options, SandboxConsole console, SandboxServices services, string workDirectory)
    {
        _options = options;
        _console = console;
        _services = services;
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
        IReadOnlyList<KeyValuePair<string, string?>> environment = PointAtServices();
        try
        {
            _ps = await PwshSession.StartAsync(environment, _workDirectory, _console, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            Problem("pwsh could not start: " + ex.Message);
            return;
        }

        await using (_ps)
        {
            if (!await ImportModuleAsync())
            {
                return;
            }

            // Each step builds on the one before; after a command that stopped, the rest would only repeat the failure.
            await PreflightCheckAsync();
            if (await DryRunAsync() && await MigrateAsync() && await RunAgainAsync())
            {
                await SignInAsync(cancellationToken);
                if (_moduleCommands.Contains("Get-ClerkMigrationStatus") && _moduleCommands.Contains("Sync-ClerkMigratedUser"))
                {
                    _cutover = new SandboxCutover(_console, _services, (script, limit) => RunAsync(script, limit), Expect);
                    await _cutover.RunAsync(_clerkIdByUsername, cancellationToken);
                }
            }
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
        table.Add("cannot be migrated (errors, Skipped results)", $"{_reportedByErrorId.Values.Sum()} of {_refused.Count} expected");
        foreach (KeyValuePair<string, int> pair in _reportedByErrorId.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            table.Add("  " + pair.Key, pair.Value.ToString());
        }

        table.Add("re-runs: new Clerk users", Known(_rerunCreates));
        table.Add("signed in with the Cognito password", $"{Known(_firstSignIns)}/{_migratable.Count} (Clerk asked Cognito {_firstSignInCognitoCalls} times)");
        table.Add("signed in again", $"{Known(_secondSignIns)}/{_migratable.Count} (Cognito calls: {Known(_secondSignInCognitoCalls)}; Clerk re-hashed the passwords)");
        table.Add("wrong password", _wrongPassword);
        table.Add("one-user validation (Test-ClerkMigratedUser)", _validation);
        foreach ((string what, string figure) in _cutover?.Figures ?? new())
        {
            table.Add(what, figure);
        }

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

    /// <summary>Prints the variables an admin sets (the key hidden) and returns the session's environment.</summary>
    private IReadOnlyList<KeyValuePair<string, string?>> PointAtServices()
    {
        _console.Step("Point the module at the pool and the Clerk instance (the variables Clerk's guide uses)");
        var shown = new Dictionary<string, (string Value, string? Comment)>
        {
            ["COGNITO_USER_POOL_ID"] = ($"'{_services.UserPoolId}'", null),
            ["COGNITO_CLIENT_ID"] = ($"'{_services.Client.ClientId}'", null),
            ["CLERK_SECRET_KEY"] = ("'sk_test_...'", "the instance's secret key (the sandbox's is not shown)"),
            ["CLERK_API_URL"] = ($"'{_services.Clerk.BaseUrl}'", "sandbox only; leave unset for Clerk itself"),
            ["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"] = ($"'{_services.Cognito.EndpointUrl}'", "sandbox only; leave unset for AWS"),
        };
        foreach ((string name, (string value, string? comment)) in shown)
        {
            _console.Command($"$env:{name} = {value}" + (comment == null ? string.Empty : "    # " + comment));
        }

        _console.Line("(AWS credentials: placeholders here, as cognito-local checks no signature; against AWS the module");
        _console.Line(" uses yours: AWS_PROFILE or -ProfileName, environment keys, SSO or assume-role.)");
        return _services.ModuleEnvironment(_workDirectory);
    }

    private async Task<bool> ImportModuleAsync()
    {
        _console.Step("Import the module, as an admin would, into a real pwsh (the built module folder, not the project's assemblies)");
        CommandRun import = await RunAsync("Import-Module ./out/CognitoClerk/CognitoClerk.psd1");
        if (import.Terminating != null || import.Errors.Count > 0)
        {
            Problem("Import-Module failed: " + (import.Terminating?.Message ?? import.Errors[0].Message) +
                " (is the module built? `dotnet build CognitoClerk.PowerShell.sln -c Release`)");
            return false;
        }

        CommandRun commands = await RunAsync("(Get-Command -Module CognitoClerk).Name");
        _moduleCommands = commands.Output.Select(c => c.Text("$text")).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (string required in new[] { "Get-CognitoMigrationUser", "ConvertTo-ClerkCognitoDigest", "New-ClerkMigratedUser" })
        {
            if (!_moduleCommands.Contains(required))
            {
                Problem($"The module exports no {required}.");
            }
        }

        return _problems.Count == 0;
    }

    private async Task PreflightCheckAsync()
    {
        _console.Step("Pre-flight check: is the pool ready for Clerk's awscognito migration?");
        if (!_moduleCommands.Contains("Test-CognitoMigrationReadiness"))
        {
            _console.Line("Test-CognitoMigrationReadiness is not in this build of the module: skipped.");
            return;
        }

        CommandRun run = await RunAsync("Test-CognitoMigrationReadiness");
        ReportTerminating(run);
        foreach (PwshObject check in run.Output)
        {
            if (!check.Flag("Passed") && !check.Flag("Skipped") && string.Equals(check.Text("Severity"), "Error", StringComparison.OrdinalIgnoreCase))
            {
                Problem($"Pre-flight check {check.Text("Name")} failed: {check.Text("Detail")} Fix: {check.Text("Fix")}");
            }
        }

        ReportErrors(run, expected: false);
        _preflight = $"{run.Output.Count(c => c.Flag("Passed"))} of {run.Output.Count} checks passed";
    }

    private async Task<bool> DryRunAsync()
    {
        _console.Step("Dry run: what would be created, who cannot be migrated and why (-WhatIf sends nothing to Clerk)");
        long requestsBefore = _services.Clerk.Stats.Requests;
        CommandRun run = await RunAsync(QuietPipeline + " -WhatIf", DisplayLimit);
        if (!ReportTerminating(run))
        {
            return false;
        }

        _wouldCreate = run.ConsoleLines.Count(l => l.StartsWith("What if:", StringComparison.Ordinal));
        _dryRunRequests = _services.Clerk.Stats.Requests - requestsBefore;
        ReportMore(run);
        _console.Line($"Would create {_wouldCreate} Clerk users (the 'What if:' lines); {Skipped(run)} users cannot be migrated (the Skipped results, each with its reason).");
        _console.Line($"Clerk received {_dryRunRequests} requests and holds {_services.Clerk.Users.Count} users.");
        Expect(_wouldCreate == _migratable.Count, $"-WhatIf would create {_wouldCreate} users; {_migratable.Count} are migratable.");
        Expect(_dryRunRequests == 0, $"-WhatIf sent {_dryRunRequests} requests to Clerk.");
        CheckRefusals(run);
        CheckSkippedResults(run);
        return true;
    }

    private async Task<bool> MigrateAsync()
    {
        _console.Step("The migration: the README pipeline, with a journal so that a re-run skips finished users");
        long tooManyBefore = _services.Clerk.Stats.TooManyRequests;
        CommandRun run = await RunAsync(Pipeline + $" -JournalPath '{_journalPath}'", DisplayLimit);
        if (!ReportTerminating(run))
        {
            return false;
        }

        _moduleTooManyRequests = _services.Clerk.Stats.TooManyRequests - tooManyBefore;
        foreach (PwshObject result in run.Output)
        {
            if (result.Text("Status") == "Created" && result.Text("CognitoUsername") is string username && result.Text("ClerkUserId") is string clerkId)
            {
                _created++;
                _clerkIdByUsername[username] = clerkId;
            }
        }

        ReportMore(run);
        _console.Line($"{run.Output.Count} results ({_created} Created, {Skipped(run)} Skipped) and {run.Errors.Count} errors in {run.Elapsed.TotalSeconds:0.0} s.");
        _console.Section("    Errors by ErrorId (each is a non-terminating error with the user as its target, and a Skipped result):");
        var byId = new TextTable(("ErrorId", 34), ("Users", 5), ("Category", 20));
        foreach (IGrouping<string, PwshError> group in run.Errors.GroupBy(e => e.ErrorId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            byId.Add(group.Key, group.Count().ToString(), group.First().Category);
            _reportedByErrorId[group.Key] = group.Count();
        }

        _console.Table(byId);

        List<string> unexpected = run.Output.Where(o => o.Text("Status") is not ("Created" or "Skipped"))
            .Select(o => $"{o.Text("CognitoUsername")} {o.Text("Status")}").ToList();
        Expect(unexpected.Count == 0, "Some results are neither Created nor Skipped: " + FirstFew(unexpected));
        List<string> missing = _migratable.Select(u => u.Username).Where(n => !_clerkIdByUsername.ContainsKey(n)).ToList();
        Expect(missing.Count == 0, $"{missing.Count} migratable users were not created: {FirstFew(missing)}");
        Expect(_services.Clerk.Users.Count == _migratable.Count, $"Clerk holds {_services.Clerk.Users.Count} users; {_migratable.Count} were expected.");
        CheckRefusals(run);
        CheckSkippedResults(run);
        List<string> journal = File.Exists(_journalPath) ? File.ReadLines(_journalPath).ToList() : new List<string>();
        Expect(journal.Count == run.Output.Count, $"The journal holds {journal.Count} records for {run.Output.Count} results.");
        if (journal.Count > 0)
        {
            _console.Line($"Journal {_journalPath}: {journal.Count} records, one per user outcome, e.g.:");
            _console.Line("  " + TextWidth.Fit(journal[0], 160));
        }

        return true;
    }

    private async Task<bool> RunAgainAsync()
    {
        _console.Step("Run the same line again, as a scheduled script would: nothing is created twice, and Group-Object Status stays honest");
        long createsBefore = _services.Clerk.Stats.Creates;
        long requestsBefore = _services.Clerk.Stats.Requests;
        CommandRun withJournal = await RunAsync(QuietPipeline + $" -JournalPath '{_journalPath}' | Group-Object Status, FromJournal -NoElement");
        if (!ReportTerminating(withJournal))
        {
            return false;
        }

        int fromJournal = Count(withJournal, "AlreadyMigrated, True");
        _console.Line($"{fromJournal} AlreadyMigrated from the journal (each claim confirmed by the external_id lookup, never Created again), {Count(withJournal, "Skipped, False")} Skipped: " +
            $"{_services.Clerk.Stats.Requests - requestsBefore} Clerk requests, {_services.Clerk.Stats.Creates - createsBefore} new Clerk users.");
        Expect(fromJournal == _migratable.Count && Count(withJournal, "Skipped, False") == _refused.Count && withJournal.Output.Count == 2,
            $"The re-run with the journal gave {Groups(withJournal)}; {_migratable.Count} AlreadyMigrated from the journal and {_refused.Count} Skipped expected.");
        CheckRefusals(withJournal);

        _console.Line();
        _console.Line("Without the journal (another machine, or the journal lost), Clerk is asked by external_id (the Cognito sub):");
        requestsBefore = _services.Clerk.Stats.Requests;
        CommandRun withoutJournal = await RunAsync(QuietPipeline + " | Group-Object Status -NoElement");
        if (!ReportTerminating(withoutJournal))
        {
            return false;
        }

        _console.Line($"{Groups(withoutJournal)}: {_services.Clerk.Stats.Requests - requestsBefore} Clerk requests " +
            $"(lookups of up to 100 external_ids each), {_services.Clerk.Stats.Creates - createsBefore} new Clerk users.");
        Expect(Count(withoutJournal, "AlreadyMigrated") == _migratable.Count && Count(withoutJournal, "Skipped") == _refused.Count && withoutJournal.Output.Count == 2,
            $"The re-run without the journal gave {Groups(withoutJournal)}; {_migratable.Count} AlreadyMigrated and {_refused.Count} Skipped expected.");
        CheckRefusals(withoutJournal);
        _rerunCreates = _services.Clerk.Stats.Creates - createsBefore;
        Expect(_rerunCreates == 0, $"The re-runs created {_rerunCreates} Clerk users.");
        return true;
    }

    private static int Count(CommandRun grouped, string name) =>
        grouped.Output.Where(g => g.Text("Name") == name).Select(g => int.TryParse(g.Text("Count"), out int n) ? n : 0).Sum();

    private static string Groups(CommandRun grouped) =>
        grouped.Output.Count == 0 ? "no results" : string.Join(", ", grouped.Output.Select(g => $"{g.Text("Count")} {g.Text("Name")}"));

    private static int Skipped(CommandRun run) => run.Output.Count(o => o.Text("Status") == "Skipped");

    private int DisplayLimit => _options.ShowAll ? 0 : DisplayedResults;

    /// <summary>After a long result list the console showed only the first ones: say how many more there are.</summary>
    private void ReportMore(CommandRun run)
    {
        if (DisplayLimit > 0 && run.Output.Count > DisplayLimit)
        {
            _console.Line($"... and {run.Output.Count - DisplayLimit} more results (--show-all lists every one)");
        }
    }

    /// <summary>Each refused user is a Skipped result too, with the ErrorId it was reported with and its reason.</summary>
    private void CheckSkippedResults(CommandRun run)
    {
        var skipped = run.Output.Where(o => o.Text("Status") == "Skipped")
            .Select(o => $"'{o.Text("CognitoUsername")}' {o.Text("ErrorCode")}").Order(StringComparer.Ordinal).ToList();
        var expected = _refused.Select(u => $"'{u.Username}' {u.ExpectedErrorId}").Order(StringComparer.Ordinal).ToList();
        Expect(skipped.SequenceEqual(expected),
            $"The Skipped results ({FirstFew(skipped)}) are not the users who cannot be migrated ({FirstFew(expected)}).");
        Expect(run.Output.Where(o => o.Text("Status") == "Skipped").All(o => o.Text("Reason") != null), "A Skipped result has no Reason.");
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

        await ValidateOneUserAsync(first);
    }

    private async Task ValidateOneUserAsync(SampleMigrationUser user)
    {
        if (!_moduleCommands.Contains("Test-ClerkMigratedUser"))
        {
            _console.Line("Test-ClerkMigratedUser is not in this build of the module: the one-user validation is skipped.");
            return;
        }

        _console.Line();
        _console.Line("The same check for one user with the module, as an admin validates a user whose password they know:");
        _console.Command("$password = Read-Host -AsSecureString    # the sandbox sets it without showing it");
        CommandRun run = await RunAsync(
            $"Test-ClerkMigratedUser -Identifier '{user.Username}' -Password $password",
            secureStrings: new Dictionary<string, string> { ["password"] = user.Password });
        ReportTerminating(run);
        ReportErrors(run, expected: false);
        foreach (PwshObject result in run.Output)
        {
            _validation = $"Passed: {result.Text("Passed")}; Cognito: {result.Text("CognitoStatus")}; Clerk: {result.Text("ClerkStatus")}";
            Expect(result.Flag("Passed"), $"Test-ClerkMigratedUser did not pass for '{user.Username}': {result.Text("CognitoDetail")} {result.Text("ClerkDetail")}");

            // Passed also holds for a user not in Clerk (not migrated yet): this one was migrated above, so Clerk must
            // have been asked, about the very user the import created.
            string expectedId = _clerkIdByUsername[user.Username];
            Expect(
                result.Text("ClerkStatus") == "Verified" && result.Text("ClerkUserId") == expectedId,
                $"Test-ClerkMigratedUser for '{user.Username}' gave Clerk status {result.Text("ClerkStatus")} and Clerk user '{result.Text("ClerkUserId")}', not Verified for {expectedId}: {result.Text("ClerkDetail")}");
        }

        Expect(run.Output.Count == 1, $"Test-ClerkMigratedUser wrote {run.Output.Count} results for one user.");
    }

    /// <summary>
    /// The Clerk key, every password and the AWS secret must appear nowhere: in no object, error or console line of
    /// any command (the session's whole transcript), and not in the journal.
    /// </summary>
    private void CheckNoSecretLeaked()
    {
        var places = _runs.Select(r => (Where: "the output of: " + r.Script, Text: r.AllText())).ToList();
        if (_ps != null && File.Exists(_ps.TranscriptPath))
        {
            places.Add(("the console transcript", File.ReadAllText(_ps.TranscriptPath)));
        }

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

            if (text.Contains(_services.AwsSecretAccessKey, StringComparison.Ordinal))
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
    private async Task<CommandRun> RunAsync(string script, int displayLimit = 0, IReadOnlyDictionary<string, string>? secureStrings = null)
    {
        _cancellation.ThrowIfCancellationRequested();
        CommandRun run = await _ps!.RunAsync(script, displayLimit, secureStrings, _cancellation);
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
        foreach (PwshError error in run.Errors)
        {
            if (!reported.TryAdd(error.TargetName ?? string.Empty, error.ErrorId))
            {
                twice.Add(error.TargetName ?? string.Empty);
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
        PwshError? setup = run.Terminating ?? run.Errors.FirstOrDefault(e => !_services.Users.Any(u => u.Username == e.TargetName));
        if (setup == null)
        {
            return true;
        }

        Problem($"The command stopped: {setup.ErrorId}: {setup.Message}");
        return false;
    }

    private void ReportErrors(CommandRun run, bool expected)
    {
        foreach (PwshError error in run.Errors.Take(10))
        {
            string text = $"{error.ErrorId}: {error.Message}";
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

}
