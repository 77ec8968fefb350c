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
/// Routes: GET /v1/instance; GET (limit, offset, starting_after) and POST /v1/users; GET /v1/users/count;
/// GET, PATCH and DELETE /v1/users/{id}; PATCH and PUT /v1/users/{id}/metadata; POST
/// /v1/users/{id}/verify_password; POST /v1/users/{id}/ban, /unban, /lock, /unlock; POST /v1/email_addresses
/// and /v1/phone_numbers, GET and DELETE /v1/email_addresses/{id} and /v1/phone_numbers/{id}. Updates of one
/// user are limited as Clerk limits them (10 per 10 s per user, <see cref="ClerkEmulatorOptions.UserUpdatesPer10Seconds"/>).
/// </para>
/// <para>
/// And one route Clerk does not have: POST /v1/users/{id}/sign_in with {"password": …}, the emulator's
/// simulated real sign-in (see <see cref="ClerkPasswordCheck.SignInAsync"/>): the password checked as
/// verify_password checks it, then last_sign_in_at and last_active_at set, which only a sign-in does.
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
    private readonly IReadOnlySet<string> _refusedCreateFields;
    private readonly ClerkUserStore _store = new();
    private readonly ClerkRateWindow _window;
    private readonly ClerkFaultInjector _faults;
    private readonly ClerkPasswordCheck _passwords;
    private readonly ClerkUserAdminRoutes _admin;
    private readonly ClerkUserUpdateWindow _userUpdates;
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
    private long _signIns;
    private long _deletes;

    private ClerkEmulator(ClerkEmulatorOptions options)
    {
        _options = options;
        var spec = ClerkOpenApiSpec.Load(options.OpenApiSpecPath);
        _createUserSchema = spec.RequestBody("/users", "post");
        _verifyPasswordSchema = spec.RequestBody("/users/{user_id}/verify_password", "post");
        _refusedCreateFields = options.UsernamesEnabled ? new HashSet<string>() : new HashSet<string> { "username" };
        _window = new ClerkRateWindow(options.RequestsPer10Seconds);
        _faults = new ClerkFaultInjector(options);
        _passwords = new ClerkPasswordCheck(_store, options.CognitoEndpoint, options.PasswordHashIterations);
        _admin = new ClerkUserAdminRoutes(spec, _store, options.UsernamesEnabled);
        _userUpdates = new ClerkUserUpdateWindow(options.UserUpdatesPer10Seconds);
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
        _passwords.CognitoCalls,
        _passwords.PasswordsMigrated,
        _window.MaxRequestsInAnyWindow,
        _faults.Snapshot(),
        Interlocked.Read(ref _signIns),
        Interlocked.Read(ref _deletes))
    {
        UserWrites = _admin.Writes,
        MaxUpdatesOfOneUserInAnyWindow = _userUpdates.MaxUpdatesOfOneUserInAnyWindow,
    };

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

    /// <summary>
    /// Stores a user from a CreateUser body without HTTP, rate limit or faults (checked and stored exactly as
    /// POST /v1/users would): how the benchmark gives the emulator 100,000 users in seconds. Returns the user id.
    /// </summary>
    public string AddUser(string createUserJson)
    {
        using JsonDocument document = JsonDocument.Parse(createUserJson);
        ClerkRequestValidator.Check(document.RootElement, _createUserSchema, _refusedCreateFields);
        ClerkStoredUser user = ClerkCreateUserBody.ToUser(document.RootElement, createUserJson, _options.PasswordHashIterations);
        _store.Add(user);
        return user.Id;
    }

    /// <summary>Zeroes the counters, the fault counts and the request log (users stay).</summary>
    public void ResetStats()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _tooManyRequests, 0);
        Interlocked.Exchange(ref _rateLimited, 0);
        Interlocked.Exchange(ref _unauthorized, 0);
        Interlocked.Exchange(ref _creates, 0);
        Interlocked.Exchange(ref _verifyPasswordCalls, 0);
        Interlocked.Exchange(ref _signIns, 0);
        Interlocked.Exchange(ref _deletes, 0);
        _passwords.ResetCounts();
        _window.ResetMaximum();
        _userUpdates.ResetMaximum();
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

        _passwords.Dispose();
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

        if (IsUserUpdate(segments, method) && !_userUpdates.TryAdmit(segments[2], Stopwatch.GetTimestamp(), out int retryAfter))
        {
            await WriteTooManyRequestsAsync(context, trace, retryAfter);
            return;
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
                await WriteJsonAsync(context, trace, 200, await WithBodyAsync(context, token, body => _admin.UpdateUser(segments[2], body)));
                return;
            case (4, "users") when segments[3] == "metadata" && (HttpMethods.IsPatch(method) || HttpMethods.IsPut(method)):
                await WriteJsonAsync(context, trace, 200,
                    await WithBodyAsync(context, token, body => _admin.UpdateMetadata(segments[2], body, replace: HttpMethods.IsPut(method))));
                return;
            case (4, "users") when segments[3] is "ban" or "unban" or "lock" or "unlock" && HttpMethods.IsPost(method):
                await WriteJsonAsync(context, trace, 200, _admin.SetAccess(segments[2], segments[3]));
                return;
            case (4, "users") when segments[3] == "sign_in" && HttpMethods.IsPost(method):
                await SignInAsync(context, trace, segments[2], token);
                return;
            case (2, "email_addresses" or "phone_numbers") when HttpMethods.IsPost(method):
                await WriteJsonAsync(context, trace, 200,
                    await WithBodyAsync(context, token, body => _admin.CreateIdentification(segments[1] == "email_addresses", body)));
                return;
            case (3, "email_addresses" or "phone_numbers") when HttpMethods.IsGet(method):
                await WriteJsonAsync(context, trace, 200, _admin.GetIdentification(segments[2], segments[1] == "email_addresses"));
                return;
            case (3, "email_addresses" or "phone_numbers") when HttpMethods.IsDelete(method):
                await WriteJsonAsync(context, trace, 200, _admin.DeleteIdentification(segments[2], segments[1] == "email_addresses"));
                return;
            case (3, "users") when HttpMethods.IsDelete(method):
                if (!_store.Delete(segments[2], out ClerkStoredUser? removed))
                {
                    throw ClerkEmulatorError.NotFound($"No user was found with id {segments[2]}");
                }

                Interlocked.Increment(ref _deletes);
                _admin.CountWrite();

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
            default:
                throw ClerkEmulatorError.NotFound("The requested resource was not found.");
        }
    }

    private async Task ListUsersAsync(HttpContext context, RequestTrace trace)
    {
        IQueryCollection query = context.Request.Query;
        int limit = ClerkUserQuery.Integer(query, "limit", 10, 1, 500);
        int offset = ClerkUserQuery.Integer(query, "offset", 0, 0, int.MaxValue);
        string orderBy = query["order_by"].FirstOrDefault() ?? "-created_at";
        bool ascending = orderBy.TrimStart('+') == "created_at";
        string? startingAfter = query["starting_after"].FirstOrDefault();
        if (startingAfter != null && (orderBy.TrimStart('+', '-') != "created_at" || offset != 0))
        {
            // The spec: the cursor needs the created_at ordering and cannot be combined with a non-zero offset.
            throw ClerkEmulatorError.InvalidValue("starting_after", "requires ordering by created_at and no offset");
        }

        Func<ClerkStoredUser, bool> filter = ClerkUserQuery.Filter(query);
        List<string> page;
        if (startingAfter == null && ClerkUserQuery.ExternalIdIncludes(query) is { } externalIds)
        {
            // The lookup every migration run makes, answered from the index instead of a scan of every user.
            List<(long CreatedAt, long Sequence, string Id)> found = _store.SelectByExternalId(externalIds, filter, u => (u.CreatedAt, u.Sequence, u.Id));
            page = (ascending ? found.OrderBy(u => u.CreatedAt).ThenBy(u => u.Sequence) : found.OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Sequence))
                .Skip(offset).Take(limit).Select(u => u.Id).ToList();
        }
        else
        {
            page = _store.Page(filter, ascending, offset, startingAfter, limit, u => u.Id);
        }

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
        await _passwords.CheckAsync(userId, password, token);
        await WriteJsonAsync(context, trace, 200, new JsonObject { ["verified"] = true });
    }

    private async Task SignInAsync(HttpContext context, RequestTrace trace, string userId, CancellationToken token)
    {
        string password = await ReadPasswordAsync(context, token);
        await _passwords.SignInAsync(userId, password, token);
        Interlocked.Increment(ref _signIns);
        await WriteJsonAsync(context, trace, 200, _store.With(userId, ClerkUserJson.Write));
    }

    /// <summary>{"password": "…"} as VerifyPassword's schema wants it (the emulator's sign-in takes the same body).</summary>
    private async Task<string> ReadPasswordAsync(HttpContext context, CancellationToken token)
    {
        (JsonDocument document, _) = await ReadJsonAsync(context, token);
        using (document)
        {
            ClerkRequestValidator.Check(document.RootElement, _verifyPasswordSchema);
            return document.RootElement.GetProperty("password").GetString()!;
        }
    }

    private static async Task<JsonNode> WithBodyAsync(HttpContext context, CancellationToken token, Func<JsonElement, JsonNode> handle)
    {
        (JsonDocument document, _) = await ReadJsonAsync(context, token);
        using (document)
        {
            return handle(document.RootElement);
        }
    }

    /// <summary>The calls Clerk limits per user as well as per instance.</summary>
    private static bool IsUserUpdate(string[] segments, string method) =>
        segments.Length >= 3 && segments[1] == "users" && segments[2] is not ("count" or "ban" or "unban")
        && ((segments.Length == 3 && HttpMethods.IsPatch(method))
            || (segments.Length == 4 && segments[3] == "metadata" && (HttpMethods.IsPatch(method) || HttpMethods.IsPut(method))));

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
