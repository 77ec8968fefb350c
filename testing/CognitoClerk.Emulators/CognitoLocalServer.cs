using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CognitoClerk.Emulators;

/// <summary>
/// cognito-local 5.3.0 (npm, installed by <c>npm ci --prefix tests</c>) as a child process on a free
/// 127.0.0.1 port, in a fresh temporary working directory, plus the admin calls tests use to seed it.
/// cognito-local checks no signatures, so seeding is plain AWS JSON 1.1 over HTTP. Statuses its API cannot
/// reach are written into its database file between a stop and a restart on the same port.
/// </summary>
public sealed class CognitoLocalServer : IAsyncDisposable
{
    private const string TargetPrefix = "AWSCognitoIdentityProviderService.";
    private static readonly MediaTypeHeaderValue AmzJson = new("application/x-amz-json-1.1");

    private readonly CognitoLocalOptions _options;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly StringBuilder _log = new();
    private Process? _process;

    private CognitoLocalServer(CognitoLocalOptions options, string workingDirectory, int port)
    {
        _options = options;
        WorkingDirectory = workingDirectory;
        Port = port;
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }

    public Uri Endpoint { get; }

    /// <summary>The value for -EndpointUrl / AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER.</summary>
    public string EndpointUrl => Endpoint.AbsoluteUri;

    /// <summary>The temporary directory cognito-local runs in; its data is in .cognito/ below it.</summary>
    public string WorkingDirectory { get; }

    public string DatabaseDirectory => Path.Combine(WorkingDirectory, ".cognito", "db");

    /// <summary>testing/node_modules/cognito-local/lib/bin/start.js.</summary>
    public static string StartScript => Path.Combine(RepositoryPaths.NodeModules, "cognito-local", "lib", "bin", "start.js");

    public static async Task<CognitoLocalServer> StartAsync(CognitoLocalOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new CognitoLocalOptions();
        if (!File.Exists(StartScript))
        {
            throw new InvalidOperationException(
                $"cognito-local is not installed ({StartScript} is missing). Run `npm ci --prefix testing` in {RepositoryPaths.Root} first " +
                "(tests/run.sh does it).");
        }

        string workingDirectory = Path.Combine(Path.GetTempPath(), "cognito-local-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(workingDirectory, ".cognito"));
        await File.WriteAllTextAsync(Path.Combine(workingDirectory, ".cognito", "config.json"), options.ConfigJson, cancellationToken).ConfigureAwait(false);

        var server = new CognitoLocalServer(options, workingDirectory, FreeTcpPort.Next());
        try
        {
            await server.LaunchAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops and starts the process on the same port, keeping its data (it reads .cognito/db only at start).</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        StopProcess();
        await LaunchAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Any operation, raw. Throws <see cref="CognitoLocalException"/> on an error answer.</summary>
    public async Task<JsonElement> CallAsync(string operation, object request, CancellationToken cancellationToken = default)
    {
        byte[] body = request is JsonNode node ? Encoding.UTF8.GetBytes(node.ToJsonString()) : JsonSerializer.SerializeToUtf8Bytes(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = AmzJson;
        message.Headers.TryAddWithoutValidation("X-Amz-Target", TargetPrefix + operation);
        using HttpResponseMessage response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonElement root = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        if (!response.IsSuccessStatusCode)
        {
            string type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("__type", out JsonElement t) ? t.GetString() ?? "" : "";
            string msg = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out JsonElement m) ? m.GetString() ?? "" : text;
            throw new CognitoLocalException(operation, (int)response.StatusCode, type, msg);
        }

        return root;
    }

    /// <summary>CreateUserPool; returns the new pool's ID (local_XXXXXXXX).</summary>
    public async Task<string> CreateUserPoolAsync(string name, CognitoLocalPoolOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["PoolName"] = name };
        if (options?.UsernameAttributes != null)
        {
            request["UsernameAttributes"] = new JsonArray(options.UsernameAttributes.Select(a => (JsonNode)a).ToArray());
        }

        if (options?.AliasAttributes != null)
        {
            request["AliasAttributes"] = new JsonArray(options.AliasAttributes.Select(a => (JsonNode)a).ToArray());
        }

        if (options?.CaseSensitive is { } caseSensitive)
        {
            request["UsernameConfiguration"] = new JsonObject { ["CaseSensitive"] = caseSensitive };
        }

        if (options?.MfaConfiguration != null)
        {
            request["MfaConfiguration"] = options.MfaConfiguration;
        }

        JsonElement answer = await CallAsync("CreateUserPool", request, cancellationToken).ConfigureAwait(false);
        return answer.GetProperty("UserPool").GetProperty("Id").GetString()!;
    }

    /// <summary>CreateUserPoolClient. Default flows: ALLOW_USER_PASSWORD_AUTH and ALLOW_REFRESH_TOKEN_AUTH.</summary>
    public async Task<CognitoLocalAppClient> CreateUserPoolClientAsync(
        string userPoolId, string clientName, bool generateSecret = false, IEnumerable<string>? explicitAuthFlows = null,
        CancellationToken cancellationToken = default)
    {
        var request = new JsonObject
        {
            ["UserPoolId"] = userPoolId,
            ["ClientName"] = clientName,
            ["GenerateSecret"] = generateSecret,
            ["ExplicitAuthFlows"] = new JsonArray((explicitAuthFlows ?? new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" })
                .Select(f => (JsonNode)f).ToArray()),
        };
        JsonElement client = (await CallAsync("CreateUserPoolClient", request, cancellationToken).ConfigureAwait(false)).GetProperty("UserPoolClient");
        string? secret = client.TryGetProperty("ClientSecret", out JsonElement s) ? s.GetString() : null;
        return new CognitoLocalAppClient(userPoolId, client.GetProperty("ClientId").GetString()!, secret);
    }

    /// <summary>
    /// AdminCreateUser with MessageAction SUPPRESS. With a temporary password the user is FORCE_CHANGE_PASSWORD.
    /// Returns the stored username (the sub in a pool with UsernameAttributes).
    /// </summary>
    public async Task<string> AdminCreateUserAsync(
        string userPoolId, string username, IReadOnlyDictionary<string, string>? attributes = null, string? temporaryPassword = null,
        CancellationToken cancellationToken = default)
    {
        var request = new JsonObject
        {
            ["UserPoolId"] = userPoolId,
            ["Username"] = username,
            ["MessageAction"] = "SUPPRESS",
            ["UserAttributes"] = AttributeArray(attributes),
        };
        if (temporaryPassword != null)
        {
            request["TemporaryPassword"] = temporaryPassword;
        }

        JsonElement answer = await CallAsync("AdminCreateUser", request, cancellationToken).ConfigureAwait(false);
        return answer.GetProperty("User").GetProperty("Username").GetString()!;
    }

    /// <summary>AdminSetUserPassword; permanent makes the user CONFIRMED.</summary>
    public Task AdminSetUserPasswordAsync(string userPoolId, string username, string password, bool permanent = true, CancellationToken cancellationToken = default) =>
        CallAsync("AdminSetUserPassword", new JsonObject
        {
            ["UserPoolId"] = userPoolId,
            ["Username"] = username,
            ["Password"] = password,
            ["Permanent"] = permanent,
        }, cancellationToken);

    /// <summary>SignUp through an app client: the user is UNCONFIRMED. Returns the UserSub.</summary>
    public async Task<string> SignUpAsync(
        string clientId, string username, string password, IReadOnlyDictionary<string, string>? attributes = null,
        CancellationToken cancellationToken = default)
    {
        JsonElement answer = await CallAsync("SignUp", new JsonObject
        {
            ["ClientId"] = clientId,
            ["Username"] = username,
            ["Password"] = password,
            ["UserAttributes"] = AttributeArray(attributes),
        }, cancellationToken).ConfigureAwait(false);
        return answer.TryGetProperty("UserSub", out JsonElement sub) ? sub.GetString() ?? string.Empty : string.Empty;
    }

    /// <summary>CreateGroup; a null precedence leaves it out, as a group created without one.</summary>
    public Task CreateGroupAsync(string userPoolId, string groupName, int? precedence = null, string? description = null, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["UserPoolId"] = userPoolId, ["GroupName"] = groupName };
        if (precedence is { } value)
        {
            request["Precedence"] = value;
        }

        if (description != null)
        {
            request["Description"] = description;
        }

        return CallAsync("CreateGroup", request, cancellationToken);
    }

    /// <summary>
    /// AdminAddUserToGroup. cognito-local rewrites the whole group (its member list) per call, so two calls for one
    /// group at once can lose a member: call it one at a time (as <see cref="SeedAsync"/> does).
    /// </summary>
    public Task AdminAddUserToGroupAsync(string userPoolId, string username, string groupName, CancellationToken cancellationToken = default) =>
        CallAsync("AdminAddUserToGroup", new JsonObject { ["UserPoolId"] = userPoolId, ["Username"] = username, ["GroupName"] = groupName }, cancellationToken);

    public Task AdminDisableUserAsync(string userPoolId, string username, CancellationToken cancellationToken = default) =>
        CallAsync("AdminDisableUser", new JsonObject { ["UserPoolId"] = userPoolId, ["Username"] = username }, cancellationToken);

    public Task AdminEnableUserAsync(string userPoolId, string username, CancellationToken cancellationToken = default) =>
        CallAsync("AdminEnableUser", new JsonObject { ["UserPoolId"] = userPoolId, ["Username"] = username }, cancellationToken);

    /// <summary>
    /// AdminUpdateUserAttributes: sets (or adds) the attributes given. cognito-local 5.3.0, like Cognito, marks a
    /// changed email or phone_number unverified unless email_verified / phone_number_verified is set in the same call.
    /// </summary>
    public Task AdminUpdateUserAttributesAsync(string userPoolId, string username, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken = default) =>
        CallAsync("AdminUpdateUserAttributes", new JsonObject
        {
            ["UserPoolId"] = userPoolId,
            ["Username"] = username,
            ["UserAttributes"] = AttributeArray(attributes),
        }, cancellationToken);

    /// <summary>AdminDeleteUser: the user is gone from the pool (ListUsers no longer returns them).</summary>
    public Task AdminDeleteUserAsync(string userPoolId, string username, CancellationToken cancellationToken = default) =>
        CallAsync("AdminDeleteUser", new JsonObject { ["UserPoolId"] = userPoolId, ["Username"] = username }, cancellationToken);

    /// <summary>A CONFIRMED user with a permanent password. Returns the stored username.</summary>
    public async Task<string> CreateConfirmedUserAsync(
        string userPoolId, string username, string password, IReadOnlyDictionary<string, string>? attributes = null,
        CancellationToken cancellationToken = default)
    {
        string stored = await AdminCreateUserAsync(userPoolId, username, attributes, null, cancellationToken).ConfigureAwait(false);
        await AdminSetUserPasswordAsync(userPoolId, stored, password, true, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <summary>
    /// Seeds many users in parallel and gives each its status: CONFIRMED and FORCE_CHANGE_PASSWORD through the
    /// API, every other status by editing the database and restarting once at the end. Group memberships
    /// (<see cref="CognitoLocalSeedUser.Groups"/>, groups created beforehand) are added one at a time after the users. Returns each seed user's
    /// stored username, in input order.
    /// </summary>
    public async Task<IReadOnlyList<string>> SeedAsync(string userPoolId, IEnumerable<CognitoLocalSeedUser> users, CancellationToken cancellationToken = default)
    {
        List<CognitoLocalSeedUser> list = users.ToList();
        var stored = new string[list.Count];
        var statusEdits = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        using var gate = new SemaphoreSlim(Math.Max(1, _options.SeedParallelism));

        async Task SeedOne(int index)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                CognitoLocalSeedUser user = list[index];
                bool forceChange = string.Equals(user.UserStatus, "FORCE_CHANGE_PASSWORD", StringComparison.Ordinal);
                string name = await AdminCreateUserAsync(userPoolId, user.Username, user.Attributes, forceChange ? user.Password : null, cancellationToken).ConfigureAwait(false);
                if (!forceChange)
                {
                    await AdminSetUserPasswordAsync(userPoolId, name, user.Password, true, cancellationToken).ConfigureAwait(false);
                    if (!string.Equals(user.UserStatus, "CONFIRMED", StringComparison.Ordinal))
                    {
                        statusEdits[name] = user.UserStatus;
                    }
                }

                if (!user.Enabled)
                {
                    await AdminDisableUserAsync(userPoolId, name, cancellationToken).ConfigureAwait(false);
                }

                stored[index] = name;
            }
            finally
            {
                gate.Release();
            }
        }

        await Task.WhenAll(Enumerable.Range(0, list.Count).Select(SeedOne)).ConfigureAwait(false);

        // One at a time: each call rewrites the group's member list, so parallel adds to one group would lose members.
        for (int i = 0; i < list.Count; i++)
        {
            foreach (string group in list[i].Groups)
            {
                await AdminAddUserToGroupAsync(userPoolId, stored[i], group, cancellationToken).ConfigureAwait(false);
            }
        }

        if (list.Count > 0)
        {
            // cognito-local saves its whole pool file with an async fs.writeFile per change; parallel changes
            // interleave and can leave a corrupt file (memory is fine). One lone write afterwards rewrites it
            // whole, so a restart reads what the API reported.
            string first = stored[0];
            await CallAsync(list[0].Enabled ? "AdminEnableUser" : "AdminDisableUser",
                new JsonObject { ["UserPoolId"] = userPoolId, ["Username"] = first }, cancellationToken).ConfigureAwait(false);
        }

        if (!statusEdits.IsEmpty)
        {
            await SetUserStatusesAsync(userPoolId, statusEdits, cancellationToken).ConfigureAwait(false);
        }

        return stored;
    }

    /// <summary>
    /// Sets UserStatus values cognito-local's API cannot (RESET_REQUIRED, EXTERNAL_PROVIDER, ARCHIVED, COMPROMISED,
    /// UNCONFIRMED with a known password): stops the process, edits .cognito/db/&lt;pool&gt;.json, restarts.
    /// Call it after parallel writes have finished and been followed by one lone write (as <see cref="SeedAsync"/> does):
    /// cognito-local's overlapping file saves can leave the file corrupt until then.
    /// </summary>
    public async Task SetUserStatusesAsync(string userPoolId, IReadOnlyDictionary<string, string> statusByUsername, CancellationToken cancellationToken = default)
    {
        StopProcess();
        string path = Path.Combine(DatabaseDirectory, userPoolId + ".json");
        JsonNode database = JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false))
            ?? throw new InvalidOperationException($"{path} is empty.");
        JsonObject usersNode = database["Users"]?.AsObject() ?? throw new InvalidOperationException($"{path} has no Users.");
        foreach (KeyValuePair<string, string> edit in statusByUsername)
        {
            JsonObject user = usersNode[edit.Key]?.AsObject()
                ?? throw new InvalidOperationException($"cognito-local pool {userPoolId} has no user '{edit.Key}'.");
            user["UserStatus"] = edit.Value;
        }

        await File.WriteAllTextAsync(path, database.ToJsonString(), cancellationToken).ConfigureAwait(false);
        await LaunchAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the process printed so far (for failure messages).</summary>
    public string Log
    {
        get { lock (_log) { return _log.ToString(); } }
    }

    public async ValueTask DisposeAsync()
    {
        StopProcess();
        _http.Dispose();
        await Task.Yield();
        try
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not worth failing a test run over.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(StartScript);
        start.Environment["PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["HOST"] = "127.0.0.1";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("Node.js (`node`) is needed to run cognito-local and was not found on PATH.", ex);
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.StartTimeout);
        var health = new Uri(Endpoint, "health");
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"cognito-local exited with code {process.ExitCode} while starting on port {Port}:\n{Log}");
            }

            try
            {
                using HttpResponseMessage response = await _http.GetAsync(health, timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"cognito-local did not answer /health on port {Port} within {_options.StartTimeout}:\n{Log}");
            }

            try
            {
                // Readiness polling of a child process: there is no event to wait on.
                await Task.Delay(100, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"cognito-local did not answer /health on port {Port} within {_options.StartTimeout}:\n{Log}");
            }
        }
    }

    private void StopProcess()
    {
        Process? process = _process;
        _process = null;
        if (process == null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(30_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line == null)
        {
            return;
        }

        lock (_log)
        {
            // Bounded: only the start of the log matters for a failure message.
            if (_log.Length < 64_000)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static JsonArray AttributeArray(IReadOnlyDictionary<string, string>? attributes) =>
        new((attributes ?? new Dictionary<string, string>())
            .Select(a => (JsonNode)new JsonObject { ["Name"] = a.Key, ["Value"] = a.Value })
            .ToArray());
}
