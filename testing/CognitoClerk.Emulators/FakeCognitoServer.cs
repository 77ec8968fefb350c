using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CognitoClerk.Emulators;

/// <summary>
/// An in-process Cognito user-pool endpoint (AWS JSON 1.1 on Kestrel, 127.0.0.1, a free port) for what
/// cognito-local cannot do: real paging (short and empty pages that still carry a token), Limit > 60
/// rejected, throttling and 5xx on demand, fractional and exponent timestamps, EstimatedNumberOfUsers.
/// It insists on a SigV4 Authorization header on signed operations and on none for InitiateAuth, and
/// counts what it saw. Pools may be generated on demand, so 100,000 users cost no memory.
/// Operations: ListUsers, ListGroups, ListUsersInGroup, DescribeUserPool, DescribeUserPoolClient, InitiateAuth
/// (USER_PASSWORD_AUTH). ListGroups and ListUsersInGroup page with NextToken; member pages follow <see cref="PageSizes"/>
/// like ListUsers pages, so they too can be short or empty while a token follows.
/// </summary>
public sealed class FakeCognitoServer : IAsyncDisposable
{
    public const int MaxListUsersLimit = 60;
    private const string TargetPrefix = "AWSCognitoIdentityProviderService.";
    private const string JsonContentType = "application/x-amz-json-1.1";

    private static readonly HashSet<string> UnsignedOperations = new(StringComparer.Ordinal)
    {
        "InitiateAuth", "RespondToAuthChallenge", "SignUp", "ConfirmSignUp", "ForgotPassword", "ConfirmForgotPassword",
    };

    private readonly ConcurrentDictionary<string, FakeCognitoPool> _pools = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeCognitoAppClient> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeCognitoFault>> _faults = new(StringComparer.Ordinal);
    private readonly WebApplication _app;

    private FakeCognitoServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }

    public Uri Endpoint { get; }

    /// <summary>The value for -EndpointUrl / AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER.</summary>
    public string EndpointUrl => Endpoint.AbsoluteUri;

    public FakeCognitoCounters Counters { get; } = new();

    /// <summary>
    /// Users on the n-th page (0-based) of a token chain, before Limit caps it. 0 serves an empty page that
    /// still carries a token when users remain. Default: always 60.
    /// </summary>
    public Func<int, int> PageSizes { get; set; } = _ => MaxListUsersLimit;

    /// <summary>Ends every chain with one empty page reached through a token, as Cognito sometimes does.</summary>
    public bool TrailingEmptyPage { get; set; }

    public FakeCognitoTimestampStyle TimestampStyle { get; set; } = FakeCognitoTimestampStyle.Decimal;

    /// <summary>Null accepts any access key id; otherwise others get UnrecognizedClientException.</summary>
    public ISet<string>? AllowedAccessKeyIds { get; set; }

    /// <summary>Added to every answer (for benchmarks that need realistic round trips).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Raised for every request as it arrives, before any fault or answer (on a Kestrel thread).</summary>
    public event Action<FakeCognitoRequest>? RequestArrived;

    /// <summary>Consulted for every request that has no queued fault: (operation, sequence number) → a fault or null.</summary>
    public Func<string, long, FakeCognitoFault?>? FaultSelector { get; set; }

    public static async Task<FakeCognitoServer> StartAsync(CancellationToken cancellationToken = default)
    {
        // FreeTcpPort can race with another process taking the port: try a few.
        for (int attempt = 1; ; attempt++)
        {
            int port = FreeTcpPort.Next();
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
            WebApplication app = builder.Build();
            var server = new FakeCognitoServer(app, port);
            app.Run(server.HandleAsync);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                return server;
            }
            catch (IOException) when (attempt < 5)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public FakeCognitoPool AddPool(string userPoolId, IEnumerable<FakeCognitoUser> users) =>
        AddPool(userPoolId, FakeCognitoUserSource.FromList(users));

    /// <summary>A pool of <paramref name="count"/> generated users (see <see cref="FakeCognitoUserSource.GeneratedUser"/>).</summary>
    public FakeCognitoPool AddGeneratedPool(string userPoolId, int count, Func<int, FakeCognitoUser>? generate = null) =>
        AddPool(userPoolId, FakeCognitoUserSource.Generated(count, generate));

    public FakeCognitoPool AddPool(string userPoolId, FakeCognitoUserSource users)
    {
        var pool = new FakeCognitoPool(userPoolId, users);
        _pools[userPoolId] = pool;
        return pool;
    }

    public FakeCognitoAppClient AddAppClient(string userPoolId, string clientId)
    {
        var client = new FakeCognitoAppClient(userPoolId, clientId);
        _clients[clientId] = client;
        return client;
    }

    /// <summary>The next requests for <paramref name="operation"/> ("*" for any) get these faults, in order.</summary>
    public void InjectFaults(string operation, params FakeCognitoFault[] faults)
    {
        ConcurrentQueue<FakeCognitoFault> queue = _faults.GetOrAdd(operation, _ => new ConcurrentQueue<FakeCognitoFault>());
        foreach (FakeCognitoFault fault in faults)
        {
            queue.Enqueue(fault);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        if (HttpMethods.IsGet(request.Method) && request.Path == "/health")
        {
            await WriteJsonAsync(context, 200, w => w.WriteBoolean("ok", true)).ConfigureAwait(false);
            return;
        }

        string target = request.Headers["X-Amz-Target"].ToString();
        if (!HttpMethods.IsPost(request.Method) || !target.StartsWith(TargetPrefix, StringComparison.Ordinal))
        {
            await WriteErrorAsync(context, 400, "UnknownOperationException", "Missing or unknown X-Amz-Target.", true).ConfigureAwait(false);
            return;
        }

        string operation = target.Substring(TargetPrefix.Length);
        FakeCognitoRequest record = Describe(operation, request);
        Counters.Record(record);
        RequestArrived?.Invoke(record);

        // Exactly what the client signed: a charset suffix would have broken a real signature.
        if (!string.Equals(record.ContentType, JsonContentType, StringComparison.Ordinal))
        {
            await WriteErrorAsync(context, 400, "SerializationException", $"Content-Type must be {JsonContentType}, got '{record.ContentType}'.", true).ConfigureAwait(false);
            return;
        }

        string? signatureProblem = CheckSignature(operation, record);
        if (signatureProblem != null)
        {
            Counters.RecordSignatureViolation();
            string type = UnsignedOperations.Contains(operation) ? "FakeCognito#UnexpectedSignature" : "MissingAuthenticationTokenException";
            await WriteErrorAsync(context, 400, type, signatureProblem, true).ConfigureAwait(false);
            return;
        }

        if (!UnsignedOperations.Contains(operation) && AllowedAccessKeyIds != null && !AllowedAccessKeyIds.Contains(record.AccessKeyId ?? string.Empty))
        {
            await WriteErrorAsync(context, 400, "UnrecognizedClientException", "The security token included in the request is invalid.", true).ConfigureAwait(false);
            return;
        }

        JsonDocument body;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException)
        {
            await WriteErrorAsync(context, 400, "SerializationException", "The request body is not JSON.", true).ConfigureAwait(false);
            return;
        }

        using (body)
        {
            if (operation == "ListUsers")
            {
                Counters.RecordListUsers(ReadString(body.RootElement, "PaginationToken"), ReadString(body.RootElement, "Filter"));
            }

            FakeCognitoFault? fault = NextFault(operation, record.Sequence);
            if (fault != null)
            {
                record.Fault = fault;
                if (await ApplyFaultAsync(context, fault).ConfigureAwait(false))
                {
                    return;
                }
            }

            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency, context.RequestAborted).ConfigureAwait(false);
            }

            JsonElement root = body.RootElement;
            switch (operation)
            {
                case "ListUsers":
                    await ListUsersAsync(context, root).ConfigureAwait(false);
                    break;
                case "ListGroups":
                    await ListGroupsAsync(context, root).ConfigureAwait(false);
                    break;
                case "ListUsersInGroup":
                    await ListUsersInGroupAsync(context, root).ConfigureAwait(false);
                    break;
                case "DescribeUserPool":
                    await DescribeUserPoolAsync(context, root).ConfigureAwait(false);
                    break;
                case "DescribeUserPoolClient":
                    await DescribeUserPoolClientAsync(context, root).ConfigureAwait(false);
                    break;
                case "InitiateAuth":
                    await InitiateAuthAsync(context, root).ConfigureAwait(false);
                    break;
                default:
                    await WriteErrorAsync(context, 400, "UnknownOperationException", $"FakeCognitoServer does not implement {operation}.", true).ConfigureAwait(false);
                    break;
            }
        }
    }

    private FakeCognitoRequest Describe(string operation, HttpRequest request)
    {
        string? authorization = request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString() : null;
        string[] signedHeaders = Array.Empty<string>();
        string? accessKey = null, region = null, service = null;
        if (authorization != null)
        {
            // AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/cognito-idp/aws4_request, SignedHeaders=a;b, Signature=hex
            foreach (string part in authorization.Split(new[] { ' ', ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (part.StartsWith("Credential=", StringComparison.Ordinal))
                {
                    string[] scope = part.Substring("Credential=".Length).Split('/');
                    if (scope.Length == 5)
                    {
                        accessKey = scope[0];
                        region = scope[2];
                        service = scope[3];
                    }
                }
                else if (part.StartsWith("SignedHeaders=", StringComparison.Ordinal))
                {
                    signedHeaders = part.Substring("SignedHeaders=".Length).Split(';');
                }
            }
        }

        return new FakeCognitoRequest
        {
            Operation = operation,
            Sequence = Counters.NextSequence(),
            Authorization = authorization,
            ContentType = request.ContentType,
            HasSecurityToken = request.Headers.ContainsKey("X-Amz-Security-Token"),
            AmzDate = request.Headers["X-Amz-Date"].Count > 0 ? request.Headers["X-Amz-Date"].ToString() : null,
            SignedHeaders = signedHeaders,
            AccessKeyId = accessKey,
            SigningRegion = region,
            SigningService = service,
        };
    }

    private static string? CheckSignature(string operation, FakeCognitoRequest record)
    {
        if (UnsignedOperations.Contains(operation))
        {
            return record.Authorization == null ? null : $"{operation} must be sent unsigned, without credentials.";
        }

        if (record.Authorization == null)
        {
            return "Missing Authentication Token";
        }

        if (!record.Authorization.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal)
            || record.AccessKeyId == null || record.SigningService != "cognito-idp" || record.AmzDate == null
            || !record.Authorization.Contains("Signature=", StringComparison.Ordinal))
        {
            return "Authorization is not a SigV4 header for cognito-idp: " + SafeScope(record);
        }

        foreach (string required in new[] { "content-type", "host", "x-amz-date", "x-amz-target" })
        {
            if (!record.SignedHeaders.Contains(required))
            {
                return $"SignedHeaders lacks {required}.";
            }
        }

        if (record.HasSecurityToken && !record.SignedHeaders.Contains("x-amz-security-token"))
        {
            return "X-Amz-Security-Token was sent but not signed.";
        }

        return null;
    }

    private static string SafeScope(FakeCognitoRequest record) => $"service={record.SigningService}, region={record.SigningRegion}";

    private FakeCognitoFault? NextFault(string operation, long sequence)
    {
        if ((_faults.TryGetValue(operation, out var queue) && queue.TryDequeue(out FakeCognitoFault? fault))
            || (_faults.TryGetValue("*", out queue) && queue.TryDequeue(out fault)))
        {
            return fault;
        }

        return FaultSelector?.Invoke(operation, sequence);
    }

    /// <summary>True when the fault answered the request; false when the request goes on (after a hang).</summary>
    private static async Task<bool> ApplyFaultAsync(HttpContext context, FakeCognitoFault fault)
    {
        switch (fault.Kind)
        {
            case FakeCognitoFaultKind.DropConnection:
                context.Abort();
                return true;
            case FakeCognitoFaultKind.EmptyStatus:
                context.Response.StatusCode = fault.StatusCode;
                return true;
            case FakeCognitoFaultKind.Hang:
                try
                {
                    await Task.Delay(fault.Delay, context.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return true; // The client gave up, as intended.
                }

                return false;
            default:
                if (fault.ErrorType == null)
                {
                    await WriteJsonAsync(context, fault.StatusCode, w => w.WriteString("message", fault.Message)).ConfigureAwait(false);
                }
                else
                {
                    await WriteErrorAsync(context, fault.StatusCode, fault.ErrorType, fault.Message ?? string.Empty, fault.TypeInHeader).ConfigureAwait(false);
                }

                return true;
        }
    }

    private async Task ListUsersAsync(HttpContext context, JsonElement root)
    {
        FakeCognitoPool? pool = await FindPoolAsync(context, root).ConfigureAwait(false);
        if (pool == null)
        {
            return;
        }

        string poolId = pool.Id;

        int limit = await ReadLimitAsync(context, root).ConfigureAwait(false);
        if (limit < 0)
        {
            return;
        }

        string? filterText = ReadString(root, "Filter");
        FakeCognitoFilter? filter = null;
        if (!string.IsNullOrEmpty(filterText))
        {
            filter = FakeCognitoFilter.Parse(filterText, out string? filterError);
            if (filter == null)
            {
                await WriteErrorAsync(context, 400, "InvalidParameterException", filterError!, true).ConfigureAwait(false);
                return;
            }
        }

        PageCursor cursor = PageCursor.Start;
        string? token = ReadString(root, "PaginationToken");
        if (token != null)
        {
            PageCursor? decoded = PageCursor.Decode(token);
            if (decoded == null || decoded.Value.PoolId != poolId)
            {
                await WriteErrorAsync(context, 400, "InvalidParameterException", "Invalid pagination token.", true).ConfigureAwait(false);
                return;
            }

            // Cognito requires the same parameters with every token of a chain.
            if (!string.Equals(decoded.Value.Filter, filterText ?? string.Empty, StringComparison.Ordinal))
            {
                await WriteErrorAsync(context, 400, "InvalidParameterException", "The Filter must not change between pages of one PaginationToken chain.", true).ConfigureAwait(false);
                return;
            }

            cursor = decoded.Value;
        }

        var users = new List<FakeCognitoUser>();
        int total = pool.Users.Count;
        int next = cursor.Offset;
        if (!cursor.Trailing)
        {
            int wanted = Math.Max(0, Math.Min(limit, PageSizes(cursor.Page)));
            while (users.Count < wanted && next < total)
            {
                FakeCognitoUser user = pool.Users.Get(next++);
                if (filter == null || filter.Matches(user))
                {
                    users.Add(user);
                }
            }
        }

        string? nextToken = null;
        if (!cursor.Trailing)
        {
            if (next < total)
            {
                nextToken = new PageCursor(poolId, next, cursor.Page + 1, filterText ?? string.Empty, false).Encode();
            }
            else if (TrailingEmptyPage)
            {
                nextToken = new PageCursor(poolId, next, cursor.Page + 1, filterText ?? string.Empty, true).Encode();
            }
        }

        Counters.RecordPage(users.Count);
        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartArray("Users");
            foreach (FakeCognitoUser user in users)
            {
                WriteUser(w, user);
            }

            w.WriteEndArray();
            if (nextToken != null)
            {
                w.WriteString("PaginationToken", nextToken);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>ListGroups: up to Limit (at most 60) groups per page, in the pool's order, NextToken for the rest.</summary>
    private async Task ListGroupsAsync(HttpContext context, JsonElement root)
    {
        FakeCognitoPool? pool = await FindPoolAsync(context, root).ConfigureAwait(false);
        if (pool == null)
        {
            return;
        }

        string poolId = pool.Id;

        (int limit, int offset, int page, bool ok) = await ReadGroupPagingAsync(context, root, poolId, string.Empty).ConfigureAwait(false);
        if (!ok)
        {
            return;
        }

        List<FakeCognitoGroup> groups = pool.Groups.Skip(offset).Take(limit).ToList();
        int next = offset + groups.Count;
        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartArray("Groups");
            foreach (FakeCognitoGroup group in groups)
            {
                w.WriteStartObject();
                w.WriteString("GroupName", group.Name);
                w.WriteString("UserPoolId", pool.Id);
                if (group.Description != null)
                {
                    w.WriteString("Description", group.Description);
                }

                if (group.Precedence is { } precedence)
                {
                    w.WriteNumber("Precedence", precedence);
                }

                w.WritePropertyName("CreationDate");
                w.WriteRawValue("1682955829.578");
                w.WritePropertyName("LastModifiedDate");
                w.WriteRawValue("1689030181.63");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (next < pool.Groups.Count)
            {
                w.WriteString("NextToken", new PageCursor(poolId, next, page + 1, string.Empty, false).Encode());
            }
        }).ConfigureAwait(false);
    }

    /// <summary>ListUsersInGroup: the group's members in ListUsers' shape, pages sized by <see cref="PageSizes"/> (capped by Limit).</summary>
    private async Task ListUsersInGroupAsync(HttpContext context, JsonElement root)
    {
        FakeCognitoPool? pool = await FindPoolAsync(context, root).ConfigureAwait(false);
        if (pool == null)
        {
            return;
        }

        string poolId = pool.Id;

        string? groupName = ReadString(root, "GroupName");
        FakeCognitoGroup? group = pool.Groups.FirstOrDefault(g => string.Equals(g.Name, groupName, StringComparison.Ordinal));
        if (group == null)
        {
            await WriteErrorAsync(context, 400, "ResourceNotFoundException", "Group not found.", true).ConfigureAwait(false);
            return;
        }

        (int limit, int offset, int page, bool ok) = await ReadGroupPagingAsync(context, root, poolId, group.Name).ConfigureAwait(false);
        if (!ok)
        {
            return;
        }

        int wanted = Math.Max(0, Math.Min(limit, PageSizes(page)));
        int total = group.MemberIndices.Count;
        var users = new List<FakeCognitoUser>();
        int next = offset;
        while (users.Count < wanted && next < total)
        {
            users.Add(pool.Users.Get(group.MemberIndices[next++]));
        }

        Counters.RecordPage(users.Count);
        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartArray("Users");
            foreach (FakeCognitoUser user in users)
            {
                WriteUser(w, user);
            }

            w.WriteEndArray();
            if (next < total)
            {
                w.WriteString("NextToken", new PageCursor(poolId, next, page + 1, group.Name, false).Encode());
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Limit (1..60, 0 or absent = 60) and where a NextToken says to go on; false after an error answer.</summary>
    private static async Task<(int Limit, int Offset, int Page, bool Ok)> ReadGroupPagingAsync(HttpContext context, JsonElement root, string poolId, string scope)
    {
        int limit = await ReadLimitAsync(context, root).ConfigureAwait(false);
        if (limit < 0)
        {
            return (0, 0, 0, false);
        }

        string? token = ReadString(root, "NextToken");
        if (token == null)
        {
            return (limit, 0, 0, true);
        }

        PageCursor? cursor = PageCursor.Decode(token);
        if (cursor == null || cursor.Value.PoolId != poolId || !string.Equals(cursor.Value.Filter, scope, StringComparison.Ordinal))
        {
            await WriteErrorAsync(context, 400, "InvalidParameterException", "Invalid NextToken.", true).ConfigureAwait(false);
            return (0, 0, 0, false);
        }

        return (limit, cursor.Value.Offset, cursor.Value.Page, true);
    }

    private void WriteUser(Utf8JsonWriter w, FakeCognitoUser user)
    {
        w.WriteStartObject();
        w.WriteString("Username", user.Username);
        w.WriteStartArray("Attributes");
        foreach (KeyValuePair<string, string?> attribute in user.Attributes)
        {
            w.WriteStartObject();
            w.WriteString("Name", attribute.Key);
            if (attribute.Value != null)
            {
                w.WriteString("Value", attribute.Value);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WritePropertyName("UserCreateDate");
        w.WriteRawValue(FormatTimestamp(user.UserCreateDate, TimestampStyle == FakeCognitoTimestampStyle.Exponent));
        w.WritePropertyName("UserLastModifiedDate");
        w.WriteRawValue(FormatTimestamp(user.UserLastModifiedDate, TimestampStyle != FakeCognitoTimestampStyle.Decimal));
        w.WriteBoolean("Enabled", user.Enabled);
        w.WriteString("UserStatus", user.UserStatus);
        w.WriteEndObject();
    }

    /// <summary>1682955829.578 or 1.682955829578E9: epoch seconds to the millisecond.</summary>
    public static string FormatTimestamp(DateTimeOffset value, bool exponent)
    {
        decimal seconds = value.ToUnixTimeMilliseconds() / 1000m;
        if (!exponent)
        {
            return seconds.ToString("0.###", CultureInfo.InvariantCulture);
        }

        int digits = seconds == 0 ? 0 : (int)Math.Floor(Math.Log10((double)Math.Abs(seconds)));
        decimal mantissa = seconds / (decimal)Math.Pow(10, digits);
        return mantissa.ToString("0.############", CultureInfo.InvariantCulture) + "E" + digits.ToString(CultureInfo.InvariantCulture);
    }

    private async Task DescribeUserPoolAsync(HttpContext context, JsonElement root)
    {
        FakeCognitoPool? pool = await FindPoolAsync(context, root).ConfigureAwait(false);
        if (pool == null)
        {
            return;
        }

        string poolId = pool.Id;

        if (pool.DenyDescribeUserPool)
        {
            await WriteErrorAsync(context, 400, "AccessDeniedException",
                $"User: arn:aws:iam::123456789012:user/migrator is not authorized to perform: cognito-idp:DescribeUserPool on resource: arn:aws:cognito-idp:us-east-1:123456789012:userpool/{poolId}", true)
                .ConfigureAwait(false);
            return;
        }

        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject("UserPool");
            w.WriteString("Id", pool.Id);
            w.WriteString("Name", pool.Name);
            w.WriteString("Arn", $"arn:aws:cognito-idp:us-east-1:123456789012:userpool/{pool.Id}");
            w.WriteNumber("EstimatedNumberOfUsers", pool.EstimatedNumberOfUsers ?? pool.Users.Count);
            WriteStrings(w, "UsernameAttributes", pool.UsernameAttributes);
            WriteStrings(w, "AliasAttributes", pool.AliasAttributes);
            if (pool.CaseSensitive is { } caseSensitive)
            {
                w.WriteStartObject("UsernameConfiguration");
                w.WriteBoolean("CaseSensitive", caseSensitive);
                w.WriteEndObject();
            }

            w.WriteString("MfaConfiguration", pool.MfaConfiguration);
            w.WriteStartObject("LambdaConfig");
            foreach (KeyValuePair<string, string> trigger in pool.LambdaTriggers)
            {
                w.WriteString(trigger.Key, trigger.Value);
            }

            w.WriteEndObject();
            w.WritePropertyName("CreationDate");
            w.WriteRawValue("1.682955829578E9");
            w.WritePropertyName("LastModifiedDate");
            w.WriteRawValue("1689030181.63");
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private async Task DescribeUserPoolClientAsync(HttpContext context, JsonElement root)
    {
        string? poolId = ReadString(root, "UserPoolId");
        string? clientId = ReadString(root, "ClientId");
        if (poolId == null || !_pools.ContainsKey(poolId))
        {
            await PoolNotFoundAsync(context, poolId).ConfigureAwait(false);
            return;
        }

        if (clientId == null || !_clients.TryGetValue(clientId, out FakeCognitoAppClient? client) || client.UserPoolId != poolId)
        {
            await WriteErrorAsync(context, 400, "ResourceNotFoundException", $"User pool client {clientId} does not exist.", true).ConfigureAwait(false);
            return;
        }

        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject("UserPoolClient");
            w.WriteString("UserPoolId", client.UserPoolId);
            w.WriteString("ClientId", client.ClientId);
            w.WriteString("ClientName", client.ClientName);
            if (client.ClientSecret != null)
            {
                w.WriteString("ClientSecret", client.ClientSecret);
            }

            WriteStrings(w, "ExplicitAuthFlows", client.ExplicitAuthFlows);
            w.WriteString("PreventUserExistenceErrors", client.PreventUserExistenceErrors);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private async Task InitiateAuthAsync(HttpContext context, JsonElement root)
    {
        string? clientId = ReadString(root, "ClientId");
        if (clientId == null || !_clients.TryGetValue(clientId, out FakeCognitoAppClient? client) || !_pools.TryGetValue(client.UserPoolId, out FakeCognitoPool? pool))
        {
            await WriteErrorAsync(context, 400, "ResourceNotFoundException", $"User pool client {clientId} does not exist.", true).ConfigureAwait(false);
            return;
        }

        if (ReadString(root, "AuthFlow") != "USER_PASSWORD_AUTH")
        {
            await WriteErrorAsync(context, 400, "InvalidParameterException", "FakeCognitoServer implements only USER_PASSWORD_AUTH.", true).ConfigureAwait(false);
            return;
        }

        if (!client.ExplicitAuthFlows.Contains("ALLOW_USER_PASSWORD_AUTH") && !client.ExplicitAuthFlows.Contains("USER_PASSWORD_AUTH"))
        {
            await WriteErrorAsync(context, 400, "InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client", true).ConfigureAwait(false);
            return;
        }

        JsonElement parameters = root.TryGetProperty("AuthParameters", out JsonElement p) ? p : default;
        string? username = parameters.ValueKind == JsonValueKind.Object ? ReadString(parameters, "USERNAME") : null;
        string? password = parameters.ValueKind == JsonValueKind.Object ? ReadString(parameters, "PASSWORD") : null;
        if (client.ClientSecret != null && (parameters.ValueKind != JsonValueKind.Object || ReadString(parameters, "SECRET_HASH") == null))
        {
            await WriteErrorAsync(context, 400, "NotAuthorizedException", $"Client {clientId} is configured with secret but SECRET_HASH was not received", true).ConfigureAwait(false);
            return;
        }

        FakeCognitoUser? user = username == null ? null : pool.Users.Find(username);
        if (user == null)
        {
            bool hide = client.PreventUserExistenceErrors == "ENABLED";
            await WriteErrorAsync(context, 400, hide ? "NotAuthorizedException" : "UserNotFoundException",
                hide ? "Incorrect username or password." : "User does not exist.", true).ConfigureAwait(false);
            return;
        }

        bool passwordMatches = user.Password != null && string.Equals(user.Password, password, StringComparison.Ordinal);
        if (user.UserStatus == "UNCONFIRMED")
        {
            // Cognito says so before looking at the password.
            await WriteErrorAsync(context, 400, "UserNotConfirmedException", "User is not confirmed.", true).ConfigureAwait(false);
        }
        else if (user.UserStatus == "RESET_REQUIRED")
        {
            await WriteErrorAsync(context, 400, "PasswordResetRequiredException", "Password reset required for the user", true).ConfigureAwait(false);
        }
        else if (!passwordMatches)
        {
            await WriteErrorAsync(context, 400, "NotAuthorizedException", "Incorrect username or password.", true).ConfigureAwait(false);
        }
        else if (!user.Enabled)
        {
            await WriteErrorAsync(context, 400, "NotAuthorizedException", "User is disabled.", true).ConfigureAwait(false);
        }
        else if (user.UserStatus == "FORCE_CHANGE_PASSWORD")
        {
            await WriteJsonAsync(context, 200, w =>
            {
                w.WriteString("ChallengeName", "NEW_PASSWORD_REQUIRED");
                w.WriteStartObject("ChallengeParameters");
                w.WriteString("USER_ID_FOR_SRP", user.Username);
                w.WriteEndObject();
                w.WriteString("Session", "fake-session-" + Guid.NewGuid().ToString("N"));
            }).ConfigureAwait(false);
        }
        else
        {
            await WriteJsonAsync(context, 200, w =>
            {
                w.WriteStartObject("AuthenticationResult");
                w.WriteString("AccessToken", "fake-access-" + Guid.NewGuid().ToString("N"));
                w.WriteString("IdToken", "fake-id-" + Guid.NewGuid().ToString("N"));
                w.WriteString("RefreshToken", "fake-refresh-" + Guid.NewGuid().ToString("N"));
                w.WriteNumber("ExpiresIn", 3600);
                w.WriteString("TokenType", "Bearer");
                w.WriteEndObject();
                w.WriteStartObject("ChallengeParameters");
                w.WriteEndObject();
            }).ConfigureAwait(false);
        }
    }

    /// <summary>The pool the request names, or null after answering ResourceNotFoundException.</summary>
    private async Task<FakeCognitoPool?> FindPoolAsync(HttpContext context, JsonElement root)
    {
        string? poolId = ReadString(root, "UserPoolId");
        if (poolId != null && _pools.TryGetValue(poolId, out FakeCognitoPool? pool))
        {
            return pool;
        }

        await PoolNotFoundAsync(context, poolId).ConfigureAwait(false);
        return null;
    }

    /// <summary>Limit of a list operation: 1..60, 0 or absent meaning 60 (Cognito's default); -1 after answering a bad one.</summary>
    private static async Task<int> ReadLimitAsync(HttpContext context, JsonElement root)
    {
        if (!root.TryGetProperty("Limit", out JsonElement limitElement))
        {
            return MaxListUsersLimit;
        }

        if (!limitElement.TryGetInt32(out int limit) || limit < 0 || limit > MaxListUsersLimit)
        {
            // boto3#1356: Cognito's exact validation message.
            await WriteErrorAsync(context, 400, "InvalidParameterException",
                $"1 validation error detected: Value '{limitElement.GetRawText()}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60", true)
                .ConfigureAwait(false);
            return -1;
        }

        return limit == 0 ? MaxListUsersLimit : limit;
    }

    private static Task PoolNotFoundAsync(HttpContext context, string? poolId) =>
        WriteErrorAsync(context, 400, "ResourceNotFoundException", $"User pool {poolId} does not exist.", true);

    private static Task WriteErrorAsync(HttpContext context, int status, string errorType, string message, bool typeInHeader)
    {
        if (typeInHeader)
        {
            // Coral's long form, which clients must sanitise.
            context.Response.Headers["x-amzn-ErrorType"] = $"{errorType}:http://internal.amazon.com/coral/com.amazonaws.cognito.identity.idp.model/";
        }

        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        string bodyType = errorType.Contains('#', StringComparison.Ordinal) ? errorType : "com.amazonaws.cognito.identity.idp.model#" + errorType;
        return WriteJsonAsync(context, status, w =>
        {
            w.WriteString("__type", bodyType);
            w.WriteString("message", message);
        });
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> writeProperties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        context.Response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static string? ReadString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>An opaque token: where the next page starts, which page of the chain it is, and the filter it belongs to.</summary>
    private readonly record struct PageCursor(string PoolId, int Offset, int Page, string Filter, bool Trailing)
    {
        public static PageCursor Start => new(string.Empty, 0, 0, string.Empty, false);

        public string Encode()
        {
            string json = JsonSerializer.Serialize(new[] { PoolId, Offset.ToString(CultureInfo.InvariantCulture), Page.ToString(CultureInfo.InvariantCulture), Filter, Trailing ? "1" : "0" });
            return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
        }

        public static PageCursor? Decode(string token)
        {
            try
            {
                string[]? parts = JsonSerializer.Deserialize<string[]>(Encoding.UTF8.GetString(Convert.FromBase64String(token)));
                if (parts is not { Length: 5 })
                {
                    return null;
                }

                return new PageCursor(
                    parts[0],
                    int.Parse(parts[1], CultureInfo.InvariantCulture),
                    int.Parse(parts[2], CultureInfo.InvariantCulture),
                    parts[3],
                    parts[4] == "1");
            }
            catch (Exception ex) when (ex is FormatException or JsonException)
            {
                return null;
            }
        }
    }
}
