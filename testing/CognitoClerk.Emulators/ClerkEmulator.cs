using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CognitoClerk.Emulators;

/// <summary>
/// An in-process Clerk Backend API on a free 127.0.0.1 port (Kestrel): the CreateUser schema from the
/// real spec, Clerk's uniqueness rules and error bodies, 401 on a wrong key, a sliding-window rate
/// limit with 429 + Retry-After, latency, seeded fault injection, and awscognito password
/// verification against a Cognito endpoint, as Clerk does it.
/// <para>
/// Routes: GET /v1/instance; GET and POST /v1/users; GET /v1/users/count; GET, PATCH (external_id and names
/// only) and DELETE /v1/users/{id}; POST /v1/users/{id}/verify_password; and one route real Clerk does not have,
/// POST /v1/users/{id}/sign_in, a simulated sign-in (see <see cref="ClerkSignInProbe.SignInAsync"/>).
/// </para>
/// </summary>
public sealed class ClerkEmulator : IAsyncDisposable
{
    private static readonly HashSet<string> KnownApiVersions = new(StringComparer.Ordinal)
    {
        "2021-02-05", "2024-10-01", "2025-03-12", "2025-04-10", "2025-11-10", "2026-05-12",
    };

    private readonly ClerkEmulatorOptions _options;
    private readonly OpenApiSchema _createUserSchema;
    private readonly OpenApiSchema _verifyPasswordSchema;
    private readonly OpenApiSchema _updateUserSchema;
    private readonly IReadOnlySet<string> _refusedCreateFields;
    private readonly ClerkUserStore _store = new();
    private readonly ClerkRateWindow _window;
    private readonly ClerkFaultInjector _faults;
    private readonly ClerkCognitoSignIn _cognito;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<RequestTrace> _log = new();
    private WebApplication? _app;
    private long _requests;
    private long _tooManyRequests;
    private long _rateLimited;
    private long _unauthorized;
    private long _creates;
    private long _verifyPasswordCalls;
    private long _cognitoCalls;
    private long _passwordsMigrated;
    private long _signIns;
    private long _deletes;

    private ClerkEmulator(ClerkEmulatorOptions options)
    {
        _options = options;
        var spec = ClerkOpenApiSpec.Load(options.OpenApiSpecPath);
        _createUserSchema = spec.RequestBody("/users", "post");
        _verifyPasswordSchema = spec.RequestBody("/users/{user_id}/verify_password", "post");
        _updateUserSchema = spec.RequestBody("/users/{user_id}", "patch");
        _refusedCreateFields = options.UsernamesEnabled ? new HashSet<string>() : new HashSet<string> { "username" };
        _window = new ClerkRateWindow(options.RequestsPer10Seconds);
        _faults = new ClerkFaultInjector(options);
        _cognito = new ClerkCognitoSignIn(options.CognitoEndpoint);
    }

    /// <summary>http://127.0.0.1:port, without /v1 (clients append it, as Clerk's SDKs do).</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public ClerkEmulatorOptions Options => _options;

    /// <summary>The users held now, oldest first.</summary>
    public IReadOnlyList<ClerkEmulatorUser> Users => _store.Select(_ => true, u => u.Snapshot());

    public ClerkEmulatorStats Stats => new(
        Interlocked.Read(ref _requests),
        Interlocked.Read(ref _tooManyRequests),
        Interlocked.Read(ref _rateLimited),
        Interlocked.Read(ref _unauthorized),
        Interlocked.Read(ref _creates),
        _store.Count,
        Interlocked.Read(ref _verifyPasswordCalls),
        Interlocked.Read(ref _cognitoCalls),
        Interlocked.Read(ref _passwordsMigrated),
        _window.MaxRequestsInAnyWindow,
        _faults.Snapshot(),
        Interlocked.Read(ref _signIns),
        Interlocked.Read(ref _deletes));

    /// <summary>Every request so far, in arrival order (empty when <see cref="ClerkEmulatorOptions.KeepRequestLog"/> is off).</summary>
    public IReadOnlyList<ClerkEmulatorRequest> Requests
    {
        get
        {
            lock (_log)
            {
                return _log.Select(t => t.Snapshot()).ToList();
            }
        }
    }

    public static async Task<ClerkEmulator> StartAsync(ClerkEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var emulator = new ClerkEmulator(options ?? new ClerkEmulatorOptions());
        (emulator._app, emulator.BaseUrl) = await LoopbackWebApp.StartAsync(emulator.HandleAsync, TimeSpan.FromSeconds(3), cancellationToken);
        return emulator;
    }

    /// <summary>
    /// The next <paramref name="count"/> requests get <paramref name="kind"/> (an after-store kind waits
    /// for the next POST /v1/users), before any random fault is drawn.
    /// </summary>
    public void EnqueueFault(ClerkFaultKind kind, int count = 1) => _faults.Enqueue(kind, count);

    /// <summary>Zeroes the counters, the fault counts and the request log (users stay).</summary>
    public void ResetStats()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _tooManyRequests, 0);
        Interlocked.Exchange(ref _rateLimited, 0);
        Interlocked.Exchange(ref _unauthorized, 0);
        Interlocked.Exchange(ref _creates, 0);
        Interlocked.Exchange(ref _verifyPasswordCalls, 0);
        Interlocked.Exchange(ref _cognitoCalls, 0);
        Interlocked.Exchange(ref _passwordsMigrated, 0);
        Interlocked.Exchange(ref _signIns, 0);
        Interlocked.Exchange(ref _deletes, 0);
        _window.ResetMaximum();
        _faults.Reset();
        lock (_log)
        {
            _log.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Hanging "timeout" faults end now instead of holding the shutdown.
        await _stopping.CancelAsync();
        if (_app != null)
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _app.StopAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                // Connections that would not close are dropped with the app.
            }

            await _app.DisposeAsync();
        }

        _cognito.Dispose();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        long arrived = Stopwatch.GetTimestamp();
        var trace = new RequestTrace(
            Interlocked.Increment(ref _requests),
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value ?? string.Empty,
            _clock.Elapsed,
            context.Request.Headers["Clerk-API-Version"].FirstOrDefault(),
            context.Request.Headers.UserAgent.FirstOrDefault());
        if (_options.KeepRequestLog)
        {
            lock (_log)
            {
                _log.Add(trace);
            }
        }

        context.Response.Headers["CF-Ray"] = ClerkIds.CfRay();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        CancellationToken token = linked.Token;
        try
        {
            if (!_window.TryAdmit(arrived, out int retryAfter))
            {
                Interlocked.Increment(ref _rateLimited);
                await DelayAsync(token);
                await WriteTooManyRequestsAsync(context, trace, retryAfter);
                return;
            }

            bool isCreate = HttpMethods.IsPost(trace.Method) && trace.Path.TrimEnd('/') == "/v1/users";
            ClerkFaultKind fault = _faults.Next(isCreate);
            await DelayAsync(token);
            if (fault != ClerkFaultKind.None && (fault & ClerkFaultKind.AfterStore) == 0)
            {
                await ApplyFaultAsync(context, trace, fault, token);
                return;
            }

            Authenticate(context);
            CheckApiVersion(trace.ApiVersion);
            await RouteAsync(context, trace, fault, token);
        }
        catch (ClerkEmulatorError error)
        {
            await WriteErrorAsync(context, trace, error);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client went away or the emulator is stopping: nobody to answer.
            trace.Responded(_clock.Elapsed, 0);
        }
    }

    private Task DelayAsync(CancellationToken token) =>
        _options.Latency > TimeSpan.Zero ? Task.Delay(_options.Latency, token) : Task.CompletedTask;

    private void Authenticate(HttpContext context)
    {
        string? header = context.Request.Headers.Authorization.FirstOrDefault();
        if (!string.Equals(header, "Bearer " + _options.SecretKey, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _unauthorized);
            throw new ClerkEmulatorError(401, "authentication_invalid", "Invalid authentication",
                "Unable to authenticate the request, you need to supply an active key");
        }
    }

    private static void CheckApiVersion(string? version)
    {
        if (version != null && !KnownApiVersions.Contains(version))
        {
            throw new ClerkEmulatorError(400, "api_version_invalid", "Invalid API version", $"The API version '{version}' is not valid.");
        }
    }

    private async Task RouteAsync(HttpContext context, RequestTrace trace, ClerkFaultKind afterStoreFault, CancellationToken token)
    {
        string[] segments = trace.Path.Trim('/').Split('/');
        string method = trace.Method;
        if (segments.Length < 2 || segments[0] != "v1")
        {
            throw ClerkEmulatorError.NotFound("The requested resource was not found.");
        }

        switch (segments.Length, segments[1])
        {
            case (2, "instance") when HttpMethods.IsGet(method):
                await WriteJsonAsync(context, trace, 200, new JsonObject
                {
                    ["object"] = "instance",
                    ["id"] = _options.InstanceId,
                    ["environment_type"] = _options.EnvironmentType,
                    ["allowed_origins"] = null,
                    ["workspace_id"] = null,
                });
                return;
            case (2, "users") when HttpMethods.IsGet(method):
                await ListUsersAsync(context, trace);
                return;
            case (2, "users") when HttpMethods.IsPost(method):
                await CreateUserAsync(context, trace, afterStoreFault, token);
                return;
            case (3, "users") when segments[2] == "count" && HttpMethods.IsGet(method):
                Func<ClerkStoredUser, bool> filter = ClerkUserQuery.Filter(context.Request.Query);
                await WriteJsonAsync(context, trace, 200, new JsonObject
                {
                    ["object"] = "total_count",
                    ["total_count"] = _store.Select(filter, u => u.Id).Count,
                });
                return;
            case (3, "users") when HttpMethods.IsGet(method):
                await WriteJsonAsync(context, trace, 200, _store.With(segments[2], ClerkUserJson.Write));
                return;
            case (3, "users") when HttpMethods.IsPatch(method):
                await UpdateUserAsync(context, trace, segments[2], token);
                return;
            case (3, "users") when HttpMethods.IsDelete(method):
                if (!_store.Delete(segments[2], out ClerkStoredUser? removed))
                {
                    throw ClerkEmulatorError.NotFound($"No user was found with id {segments[2]}");
                }

                Interlocked.Increment(ref _deletes);

                await WriteJsonAsync(context, trace, 200, new JsonObject
                {
                    ["object"] = "user",
                    ["id"] = removed!.Id,
                    ["deleted"] = true,
                    ["external_id"] = removed.ExternalId,
                });
                return;
            case (4, "users") when segments[3] == "verify_password" && HttpMethods.IsPost(method):
                await VerifyPasswordAsync(context, trace, segments[2], token);
                return;
            case (4, "users") when segments[3] == "sign_in" && HttpMethods.IsPost(method):
                await SignInAsync(context, trace, segments[2], token);
                return;
            default:
                throw ClerkEmulatorError.NotFound("The requested resource was not found.");
        }
    }

    private async Task ListUsersAsync(HttpContext context, RequestTrace trace)
    {
        IQueryCollection query = context.Request.Query;
        int limit = ClerkUserQuery.Integer(query, "limit", 10, 1, 500);
        int offset = ClerkUserQuery.Integer(query, "offset", 0, 0, int.MaxValue);
        bool ascending = (query["order_by"].FirstOrDefault() ?? "-created_at").TrimStart('+') == "created_at";
        List<ClerkStoredUser> users = _store.Select(ClerkUserQuery.Filter(query), u => u);
        IEnumerable<ClerkStoredUser> ordered = ascending
            ? users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Sequence)
            : users.OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Sequence);
        List<string> page = ordered.Skip(offset).Take(limit).Select(u => u.Id).ToList();

        // Written under the store's lock, one user at a time, so a concurrent verify cannot tear a user.
        var array = new JsonArray();
        foreach (string id in page)
        {
            try
            {
                array.Add(_store.With(id, ClerkUserJson.Write));
            }
            catch (ClerkEmulatorError)
            {
                // Deleted meanwhile.
            }
        }

        await WriteJsonAsync(context, trace, 200, array);
    }

    private async Task CreateUserAsync(HttpContext context, RequestTrace trace, ClerkFaultKind afterStoreFault, CancellationToken token)
    {
        (JsonDocument document, string raw) = await ReadJsonAsync(context, token);
        using (document)
        {
            ClerkRequestValidator.Check(document.RootElement, _createUserSchema, _refusedCreateFields);
            ClerkStoredUser user = ClerkCreateUserBody.ToUser(document.RootElement, raw, _options.PasswordHashIterations);
            _store.Add(user);
            Interlocked.Increment(ref _creates);

            switch (afterStoreFault)
            {
                case ClerkFaultKind.StoredThenInternalServerError:
                    _faults.Count(afterStoreFault);
                    trace.Fault = afterStoreFault;
                    await WriteErrorAsync(context, trace, InternalError());
                    return;
                case ClerkFaultKind.StoredThenDroppedConnection:
                    _faults.Count(afterStoreFault);
                    trace.Fault = afterStoreFault;
                    trace.Responded(_clock.Elapsed, 0);
                    context.Abort();
                    return;
            }

            await WriteJsonAsync(context, trace, 200, _store.With(user.Id, ClerkUserJson.Write));
        }
    }

    private async Task VerifyPasswordAsync(HttpContext context, RequestTrace trace, string userId, CancellationToken token)
    {
        string password = await ReadPasswordAsync(context, token);
        Interlocked.Increment(ref _verifyPasswordCalls);
        await CheckPasswordAsync(userId, password, token);
        await WriteJsonAsync(context, trace, 200, new JsonObject { ["verified"] = true });
    }

    /// <summary>
    /// Emulator only (real Clerk has no such Backend API route; a real sign-in goes through the Frontend API):
    /// a user signs in with a password. The password is checked exactly as verify_password checks it (for an
    /// awscognito user: Cognito InitiateAuth, then the re-hash), a banned user is refused, and a successful
    /// sign-in sets last_sign_in_at and last_active_at, which verify_password does not. Answers the User.
    /// </summary>
    private async Task SignInAsync(HttpContext context, RequestTrace trace, string userId, CancellationToken token)
    {
        // The same body as verify_password, held to the same schema.
        string password = await ReadPasswordAsync(context, token);
        if (_store.With(userId, u => u.Banned))
        {
            throw new ClerkEmulatorError(403, "user_banned", "User is banned", "This user is banned and cannot sign in.");
        }

        await CheckPasswordAsync(userId, password, token);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        JsonObject user = _store.With(userId, u =>
        {
            u.LastSignInAt = now;
            u.LastActiveAt = now;
            return ClerkUserJson.Write(u);
        });
        Interlocked.Increment(ref _signIns);
        await WriteJsonAsync(context, trace, 200, user);
    }

    /// <summary>
    /// PATCH /v1/users/{id}, body checked against the spec's UpdateUser schema; the emulator applies external_id,
    /// first_name and last_name (what tests change to make a user "not the one the migration created"), and
    /// refuses the other fields it does not keep rather than pretend to store them.
    /// </summary>
    private async Task UpdateUserAsync(HttpContext context, RequestTrace trace, string userId, CancellationToken token)
    {
        (JsonDocument document, _) = await ReadJsonAsync(context, token);
        using (document)
        {
            JsonElement body = document.RootElement;
            ClerkRequestValidator.Check(body, _updateUserSchema);
            var applied = new HashSet<string>(StringComparer.Ordinal) { "external_id", "first_name", "last_name" };
            foreach (JsonProperty property in body.EnumerateObject())
            {
                if (!applied.Contains(property.Name))
                {
                    throw new ClerkEmulatorError(422, "form_param_unknown", "is unknown",
                        $"The Clerk emulator does not implement updating {property.Name}.", property.Name);
                }
            }

            string? Text(string name) => body.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            string? externalId = Text("external_id");
            if (body.TryGetProperty("external_id", out _))
            {
                _store.SetExternalId(userId, externalId);
            }

            JsonObject user = _store.With(userId, u =>
            {
                if (body.TryGetProperty("first_name", out _))
                {
                    u.FirstName = Text("first_name");
                }

                if (body.TryGetProperty("last_name", out _))
                {
                    u.LastName = Text("last_name");
                }

                u.UpdatedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                return ClerkUserJson.Write(u);
            });
            await WriteJsonAsync(context, trace, 200, user);
        }
    }

    /// <summary>The {"password": ...} body of verify_password (and of the simulated sign-in), checked against the spec.</summary>
    private async Task<string> ReadPasswordAsync(HttpContext context, CancellationToken token)
    {
        (JsonDocument document, _) = await ReadJsonAsync(context, token);
        using (document)
        {
            ClerkRequestValidator.Check(document.RootElement, _verifyPasswordSchema);
            return document.RootElement.GetProperty("password").GetString()!;
        }
    }

    /// <summary>
    /// The password check of verify_password, shared with the simulated sign-in: a local hash is compared here; an
    /// awscognito digest is checked by Cognito InitiateAuth and, once right, replaced by a local hash, as Clerk does.
    /// Throws 422 incorrect_password (or the awscognito errors Clerk names) when the password is not accepted.
    /// </summary>
    private async Task CheckPasswordAsync(string userId, string password, CancellationToken token)
    {
        (string? hasher, string? digest, bool local) = _store.With(userId, u => (u.PasswordHasher, u.PasswordDigest, u.HasLocalPasswordHash));
        if (digest == null)
        {
            throw new ClerkEmulatorError(400, "no_password_set", "no password set", "The user does not have a password set.");
        }

        bool verified;
        string? cognitoDetail = null;
        if (local)
        {
            verified = ClerkPasswordHash.Verify(password, digest);
        }
        else if (hasher == ClerkAwsCognitoDigest.Hasher)
        {
            ClerkAwsCognitoDigest parsed = ClerkAwsCognitoDigest.TryParse(digest)!;
            Interlocked.Increment(ref _cognitoCalls);
            ClerkCognitoSignIn.Answer answer = await _cognito.InitiateAuthAsync(parsed, password, token);
            if (answer.ErrorType == "InvalidParameterException" && answer.ErrorMessage?.Contains("USER_PASSWORD_AUTH", StringComparison.Ordinal) == true)
            {
                throw new ClerkEmulatorError(400, "aws_cognito_user_password_auth_not_enabled", "USER_PASSWORD_AUTH flow not enabled",
                    "USER_PASSWORD_AUTH flow not enabled for this AWS Cognito client. Ensure that your Cognito user pool has a public client with the ALLOW_USER_PASSWORD_AUTH auth flow enabled.");
            }

            verified = answer.Authenticated;
            cognitoDetail = answer.ChallengeName != null
                ? $"Cognito answered with the {answer.ChallengeName} challenge"
                : answer.ErrorType != null ? $"Cognito answered {answer.ErrorType}" : null;
            if (verified)
            {
                // As Clerk: the password is now known to be right, so keep a local hash and stop asking Cognito.
                string hash = ClerkPasswordHash.Hash(password, _options.PasswordHashIterations);
                bool migrated = _store.With(userId, u =>
                {
                    if (u.PasswordHasher != ClerkAwsCognitoDigest.Hasher || u.PasswordDigest != digest)
                    {
                        return false;
                    }

                    u.PasswordHasher = "bcrypt";
                    u.PasswordDigest = hash;
                    u.HasLocalPasswordHash = true;
                    u.UpdatedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                    return true;
                });
                if (migrated)
                {
                    Interlocked.Increment(ref _passwordsMigrated);
                }
            }
        }
        else
        {
            throw new ClerkEmulatorError(500, "internal_clerk_error", "Oops, an unexpected error occurred",
                $"The Clerk emulator cannot verify '{hasher}' digests; it verifies awscognito users and passwords it hashed itself.");
        }

        if (!verified)
        {
            throw new ClerkEmulatorError(422, "incorrect_password", "Password is incorrect. Try again, or use another method.",
                "The provided password is not the one the user has set" + (cognitoDetail == null ? "." : $" ({cognitoDetail})."));
        }
    }

    private static async Task<(JsonDocument Document, string Raw)> ReadJsonAsync(HttpContext context, CancellationToken token)
    {
        string? contentType = context.Request.ContentType;
        if (contentType == null || !contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ClerkEmulatorError(415, "unsupported_content_type", "Unsupported content type",
                $"Content-Type '{contentType}' is not supported; send application/json.");
        }

        using var reader = new StreamReader(context.Request.Body);
        string raw = await reader.ReadToEndAsync(token);
        try
        {
            return (JsonDocument.Parse(raw), raw);
        }
        catch (JsonException)
        {
            throw new ClerkEmulatorError(400, "request_body_invalid", "Request body invalid", "The request body is not valid JSON.");
        }
    }

    private async Task ApplyFaultAsync(HttpContext context, RequestTrace trace, ClerkFaultKind fault, CancellationToken token)
    {
        _faults.Count(fault);
        trace.Fault = fault;
        switch (fault)
        {
            case ClerkFaultKind.TooManyRequests:
                await WriteTooManyRequestsAsync(context, trace, _options.InjectedRetryAfterSeconds);
                return;
            case ClerkFaultKind.InternalServerError:
                await WriteErrorAsync(context, trace, InternalError());
                return;
            case ClerkFaultKind.BadGateway:
                await WriteCloudflarePageAsync(context, trace, 502, "Bad Gateway");
                return;
            case ClerkFaultKind.ServiceUnavailable:
                await WriteCloudflarePageAsync(context, trace, 503, "Service Temporarily Unavailable");
                return;
            case ClerkFaultKind.DroppedConnection:
                trace.Responded(_clock.Elapsed, 0);
                context.Abort();
                return;
            case ClerkFaultKind.Timeout:
                try
                {
                    await Task.Delay(_options.ClientTimeoutHint * 2 + TimeSpan.FromSeconds(1), token);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up (as intended) or the emulator is stopping.
                }

                trace.Responded(_clock.Elapsed, 0);
                context.Abort();
                return;
        }
    }

    private static ClerkEmulatorError InternalError() =>
        new(500, "internal_clerk_error", "Oops, an unexpected error occurred", "There was an internal error on our servers. We've been notified and are working on fixing it.");

    private Task WriteTooManyRequestsAsync(HttpContext context, RequestTrace trace, int retryAfterSeconds)
    {
        Interlocked.Increment(ref _tooManyRequests);
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WriteErrorAsync(context, trace, new ClerkEmulatorError(429, "too_many_requests", "Too many requests", "Too many requests, retry later"));
    }

    private Task WriteErrorAsync(HttpContext context, RequestTrace trace, ClerkEmulatorError error)
    {
        var meta = new JsonObject();
        if (error.ParamName != null)
        {
            meta["param_name"] = error.ParamName;
        }

        var body = new JsonObject
        {
            ["errors"] = new JsonArray(new JsonObject
            {
                ["message"] = error.ShortMessage,
                ["long_message"] = error.LongMessage,
                ["code"] = error.Code,
                ["meta"] = meta,
            }),
            ["meta"] = new JsonObject(),
            ["clerk_trace_id"] = ClerkIds.TraceId(),
        };
        return WriteJsonAsync(context, trace, error.Status, body);
    }

    private Task WriteCloudflarePageAsync(HttpContext context, RequestTrace trace, int status, string title)
    {
        trace.Responded(_clock.Elapsed, status);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html";
        return context.Response.WriteAsync(
            $"<html>\r\n<head><title>{status} {title}</title></head>\r\n<body>\r\n<center><h1>{status} {title}</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n");
    }

    private Task WriteJsonAsync(HttpContext context, RequestTrace trace, int status, JsonNode body)
    {
        trace.Responded(_clock.Elapsed, status);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    /// <summary>A request as it is being handled; the public view is <see cref="ClerkEmulatorRequest"/>.</summary>
    private sealed class RequestTrace(long sequence, string method, string path, string query, TimeSpan arrivedAt, string? apiVersion, string? userAgent)
    {
        private readonly object _lock = new();
        private TimeSpan? _respondedAt;
        private int _status;

        public string Method { get; } = method;

        public string Path { get; } = path;

        public string? ApiVersion { get; } = apiVersion;

        public ClerkFaultKind Fault { get; set; }

        public void Responded(TimeSpan at, int status)
        {
            lock (_lock)
            {
                _respondedAt ??= at;
                _status = status;
            }
        }

        public ClerkEmulatorRequest Snapshot()
        {
            lock (_lock)
            {
                return new ClerkEmulatorRequest(sequence, Method, Path, query, arrivedAt, _respondedAt, _status, Fault, ApiVersion, userAgent);
            }
        }
    }
}
