using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using CognitoClerk.Engine.Net;
using CognitoClerk.Engine.Text;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>
    /// The Clerk Backend API over HttpClient and System.Text.Json.
    /// <para>
    /// Every request goes through the instance's process-wide limiter (<see cref="ClerkInstancePacer"/>),
    /// so all client objects, cmdlets and pipelines aimed at one instance share one budget and one 429
    /// pause. Each attempt has its own timeout. Polly runs two retry strategies around each attempt:
    /// outer, 5xx / connection failures / timeouts with exponential backoff and jitter; inner, 429s,
    /// with no delay of its own because the shared pause in the limiter already holds back every worker
    /// for Retry-After. A 4xx other than 429 is never retried; a cancelled caller token is never a timeout.
    /// </para>
    /// <para>
    /// Retrying a POST is not free of side effects: when a create's answer is lost (dropped connection,
    /// timeout, a 5xx after the write), Clerk may already hold the user and the retry is then answered
    /// 422 form_identifier_exists. That answer is reported as it is, with
    /// <see cref="ClerkApiException.PriorAttemptMayHaveBeenApplied"/> set, so the caller can look the
    /// user up by external_id and tell "created by our lost attempt" from "someone else's user".
    /// </para>
    /// </summary>
    public sealed class ClerkBackendApi : IClerkBackendApi, IDisposable
    {
        /// <summary>The API version this client is written against (the spec in shared/clerk).</summary>
        public const string ApiVersion = "2026-05-12";

        /// <summary>The most users GET /v1/users returns per call.</summary>
        public const int MaxListLimit = 500;

        /// <summary>
        /// The most of one answer that is read (1 MiB): a User object is a few KB, an error body a few hundred
        /// bytes. A larger answer is not Clerk's and is reported, not buffered.
        /// </summary>
        public const int MaxResponseBytes = 1024 * 1024;

        /// <summary>The most of one GET /v1/users page that is read (16 MiB): up to 500 users of a few KB each, metadata included.</summary>
        public const int MaxListResponseBytes = 16 * 1024 * 1024;

        private static readonly ResiliencePropertyKey<ClerkCall> CallKey = new ResiliencePropertyKey<ClerkCall>("CognitoClerk.ClerkCall");

        private readonly HttpClient _http;
        private readonly ClerkSecretKey _secretKey;
        private readonly ClerkInstancePacer _pacer;
        private readonly ResiliencePipeline<ClerkHttpResult> _retryAll;
        private readonly ResiliencePipeline<ClerkHttpResult> _retryRateLimitOnly;
        private readonly ResiliencePipeline _attemptTimeout;
        private readonly TimeSpan _timeout;
        private readonly TimeSpan _maxWaitPerRequest;
        private readonly TimeSpan _maxRetryAfter;
        private readonly Action<ClerkWaitEvent>? _onWait;

        private ClerkBackendApi(ClerkConnectionSettings settings, Uri baseUri, HttpMessageHandler handler, bool disposeHandler)
        {
            BaseUri = baseUri;
            _secretKey = settings.SecretKey;
            _timeout = settings.Timeout;
            _maxWaitPerRequest = settings.MaxWaitPerRequest;
            _maxRetryAfter = settings.MaxRetryAfter;
            _onWait = settings.OnWait;
            _http = new HttpClient(handler, disposeHandler)
            {
                // Each attempt has its own timeout (below); HttpClient's would also cover the limiter wait.
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("CognitoClerk", ModuleVersion()));
            _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("(PowerShell module; Cognito to Clerk migration)"));

            // .NET Framework sends POST headers first and waits for "100 Continue": a round trip per create for nothing.
            _http.DefaultRequestHeaders.ExpectContinue = false;

            _pacer = ClerkInstancePacer.For(baseUri, settings.SecretKey);
            if (settings.RequestsPer10Seconds.HasValue)
            {
                _pacer.ApplyOverride(settings.RequestsPer10Seconds.Value);
            }

            _attemptTimeout = new ResiliencePipelineBuilder().AddTimeout(settings.Timeout).Build();
            _retryAll = BuildRetryPipeline(settings, retryTransient: true);
            _retryRateLimitOnly = BuildRetryPipeline(settings, retryTransient: false);
        }

        /// <summary>The API root, ending in /v1/.</summary>
        public Uri BaseUri { get; }

        /// <summary>The counters and pace of this instance's shared limiter (process-wide for the instance).</summary>
        public ClerkPacingStatistics PacingStatistics => _pacer.GetStatistics();

        /// <summary>
        /// A client for the instance in <paramref name="settings"/>. Throws <see cref="ArgumentException"/>
        /// (before any network call) for a URL that is not https, or http on loopback. Follows no redirect, and
        /// never sends a loopback request through a proxy (<see cref="SafeHttpHandler"/>).
        /// </summary>
        public static ClerkBackendApi Create(ClerkConnectionSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentNullException(nameof(settings));
            }

            settings.Validate();
            Uri baseUri = ClerkApiEndpoint.Normalize(settings.ApiUrl);
            return new ClerkBackendApi(settings, baseUri, SafeHttpHandler.Create(baseUri), disposeHandler: true);
        }

        /// <summary>As <see cref="Create(ClerkConnectionSettings)"/>, over the given handler (tests, proxies, instrumentation).</summary>
        public static ClerkBackendApi Create(ClerkConnectionSettings settings, HttpMessageHandler handler, bool disposeHandler = false)
        {
            if (settings == null)
            {
                throw new ArgumentNullException(nameof(settings));
            }

            if (handler == null)
            {
                throw new ArgumentNullException(nameof(handler));
            }

            settings.Validate();
            Uri baseUri = ClerkApiEndpoint.Normalize(settings.ApiUrl);
            return new ClerkBackendApi(settings, baseUri, handler, disposeHandler);
        }

        /// <summary>
        /// The pace this instance's requests will keep: the override, or what GET /v1/instance says
        /// (asked once per instance and process). Call it first to fail early on a bad key.
        /// </summary>
        public async Task<int> GetRequestsPer10SecondsAsync(CancellationToken cancellationToken)
        {
            await EnsureRateKnownAsync(cancellationToken).ConfigureAwait(false);
            return _pacer.GetStatistics().RequestsPer10Seconds;
        }

        public async Task<ClerkInstanceInfo> GetInstanceAsync(CancellationToken cancellationToken)
        {
            ClerkHttpResult result = await SendAsync(new ClerkCall(HttpMethod.Get, "instance", null), cancellationToken).ConfigureAwait(false);
            ClerkWire.Instance instance = Read<ClerkWire.Instance>(result, "GET /v1/instance");
            var info = new ClerkInstanceInfo
            {
                Id = instance.Id ?? string.Empty,
                EnvironmentType = instance.EnvironmentType ?? string.Empty,
            };
            _pacer.ApplyDiscovered(info.DocumentedRequestsPer10Seconds, ClerkRateSource.Instance);
            return info;
        }

        public async Task<ClerkUser> CreateUserAsync(ClerkCreateUserRequest request, CancellationToken cancellationToken)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            await EnsureRateKnownAsync(cancellationToken).ConfigureAwait(false);
            byte[] body = JsonSerializer.SerializeToUtf8Bytes(request, ClerkWire.Options);
            ClerkHttpResult result = await SendAsync(new ClerkCall(HttpMethod.Post, "users", body), cancellationToken).ConfigureAwait(false);
            ClerkWire.User created = Read<ClerkWire.User>(result, "POST /v1/users");
            if (string.IsNullOrEmpty(created.Id))
            {
                // A gateway's "200 {}" is not a user: the caller must find out whether Clerk stored one.
                throw new ClerkApiException(
                    result.StatusCode,
                    ResponseWithoutUserId,
                    "The answer to POST /v1/users is a success without a user id, so it does not say whether Clerk stored the user (a proxy or gateway in between?).",
                    null,
                    null,
                    result.CfRay);
            }

            return ToUser(created);
        }

        public async Task<IReadOnlyList<ClerkUser>> FindUsersByExternalIdAsync(IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken)
        {
            if (externalIds == null)
            {
                throw new ArgumentNullException(nameof(externalIds));
            }

            var users = new Dictionary<string, ClerkUser>(StringComparer.Ordinal);
            foreach (string query in ClerkQueryBatches.Build("external_id", externalIds, includePrefix: true))
            {
                await ListAllAsync(query, users, cancellationToken).ConfigureAwait(false);
            }

            return users.Values.ToList();
        }

        public async Task<IReadOnlyList<ClerkUser>> FindUsersByIdAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
        {
            if (userIds == null)
            {
                throw new ArgumentNullException(nameof(userIds));
            }

            var users = new Dictionary<string, ClerkUser>(StringComparer.Ordinal);
            foreach (string query in ClerkQueryBatches.Build("user_id", userIds, includePrefix: true))
            {
                await ListAllAsync(query, users, cancellationToken).ConfigureAwait(false);
            }

            return users.Values.ToList();
        }

        /// <remarks>
        /// A DELETE is safe to repeat, so 5xx and lost answers are retried like reads. A 404 that answers a
        /// retry after an attempt that may have reached Clerk means that attempt deleted the user.
        /// </remarks>
        public async Task<ClerkDeleteResult> DeleteUserAsync(string userId, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(userId))
            {
                throw new ArgumentException("A Clerk user id is required.", nameof(userId));
            }

            await EnsureRateKnownAsync(cancellationToken).ConfigureAwait(false);
            var call = new ClerkCall(HttpMethod.Delete, "users/" + Uri.EscapeDataString(userId), null);
            ClerkHttpResult result = await SendAsync(call, cancellationToken, throwOnError: false).ConfigureAwait(false);
            if (result.StatusCode == 404)
            {
                return call.MayHaveBeenApplied ? ClerkDeleteResult.DeletedByEarlierAttempt : ClerkDeleteResult.NotFound;
            }

            if (!result.IsSuccess)
            {
                throw ToException(result, call);
            }

            Read<ClerkWire.DeletedObject>(result, "DELETE /v1/users/{id}");
            return ClerkDeleteResult.Deleted;
        }

        /// <remarks>
        /// Emails and phone numbers are looked up in separate calls and merged: a user is returned when
        /// ANY of the values matches, whatever Clerk does when one call combines several filters.
        /// </remarks>
        public async Task<IReadOnlyList<ClerkUser>> FindUsersByIdentifierAsync(IReadOnlyCollection<string> emailAddresses, IReadOnlyCollection<string> phoneNumbers, CancellationToken cancellationToken)
        {
            var users = new Dictionary<string, ClerkUser>(StringComparer.Ordinal);
            IEnumerable<string> queries =
                ClerkQueryBatches.Build("email_address", emailAddresses ?? Array.Empty<string>(), includePrefix: false)
                    .Concat(ClerkQueryBatches.Build("phone_number", phoneNumbers ?? Array.Empty<string>(), includePrefix: false));
            foreach (string query in queries)
            {
                await ListAllAsync(query, users, cancellationToken).ConfigureAwait(false);
            }

            return users.Values.ToList();
        }

        /// <remarks>
        /// Not retried after a 5xx or a timeout (only after a 429, which Clerk did not process): for a user
        /// still on awscognito every attempt is a Cognito sign-in that counts toward Cognito's lockout, so a
        /// failure is reported rather than repeated behind the caller's back.
        /// </remarks>
        public async Task<bool> VerifyPasswordAsync(string userId, string password, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(userId))
            {
                throw new ArgumentException("A Clerk user id is required.", nameof(userId));
            }

            if (password == null)
            {
                throw new ArgumentNullException(nameof(password));
            }

            await EnsureRateKnownAsync(cancellationToken).ConfigureAwait(false);
            byte[] body = JsonSerializer.SerializeToUtf8Bytes(new ClerkWire.VerifyPasswordRequest { Password = password }, ClerkWire.Options);
            var call = new ClerkCall(HttpMethod.Post, "users/" + Uri.EscapeDataString(userId) + "/verify_password", body) { RetryTransient = false };
            ClerkHttpResult result = await SendAsync(call, cancellationToken, throwOnError: false).ConfigureAwait(false);
            if (result.IsSuccess)
            {
                return Read<ClerkWire.VerifyPasswordResponse>(result, "POST /v1/users/{id}/verify_password").Verified;
            }

            ClerkApiException error = ToException(result, call);
            if (error.StatusCode == 422 && string.Equals(error.Code, "incorrect_password", StringComparison.Ordinal))
            {
                return false;
            }

            throw error;
        }

        public async Task<ClerkUser?> GetUserAsync(string userId, CancellationToken cancellationToken)
        {
            ClerkHttpResult? result = await SendOrNotFoundAsync(new ClerkCall(HttpMethod.Get, UserPath(userId), null), cancellationToken).ConfigureAwait(false);
            return result == null ? null : ToUser(Read<ClerkWire.User>(result, "GET /v1/users/{id}"));
        }

        public async Task<IReadOnlyList<ClerkUser>> ListUsersAsync(string? startingAfter, int limit, CancellationToken cancellationToken)
        {
            if (limit < 1 || limit > MaxListLimit)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), limit, "Clerk lists 1 to 500 users per call.");
            }

            await EnsureRateKnownAsync(cancellationToken).ConfigureAwait(false);
            string relative = "users?limit=" + limit + (startingAfter == null ? string.Empty : "&starting_after=" + Uri.EscapeDataString(startingAfter));
            ClerkHttpResult result = await SendAsync(new ClerkCall(HttpMethod.Get, relative, null), cancellationToken).ConfigureAwait(false);
            List<ClerkWire.User> page = Read<List<ClerkWire.User>>(result, "GET /v1/users") ?? new List<ClerkWire.User>();
            return page.Where(u => u != null && !string.IsNullOrEmpty(u.Id)).Select(ToUser).ToList();
        }

        public async Task<ClerkUser> UpdateUserAsync(string userId, ClerkUpdateUserRequest request, CancellationToken cancellationToken)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            byte[] body = Encoding.UTF8.GetBytes(request.ToJson().ToJsonString());
            var call = new ClerkCall(new HttpMethod("PATCH"), UserPath(userId), body) { UpdatesUserId = userId };
            return await SendForUserAsync(call, "PATCH /v1/users/{id}", cancellationToken).ConfigureAwait(false);
        }

        public async Task<ClerkUser> UpdateUserMetadataAsync(
            string userId, JsonObject? publicMetadata, JsonObject? privateMetadata, JsonObject? unsafeMetadata, CancellationToken cancellationToken)
        {
            var json = new JsonObject();
            AddCopy(json, "public_metadata", publicMetadata);
            AddCopy(json, "private_metadata", privateMetadata);
            AddCopy(json, "unsafe_metadata", unsafeMetadata);
            byte[] body = Encoding.UTF8.GetBytes(json.ToJsonString());
            var call = new ClerkCall(new HttpMethod("PATCH"), UserPath(userId) + "/metadata", body) { UpdatesUserId = userId };
            return await SendForUserAsync(call, "PATCH /v1/users/{id}/metadata", cancellationToken).ConfigureAwait(false);
        }

        public Task<ClerkIdentification> CreateEmailAddressAsync(string userId, string emailAddress, bool verified, bool primary, CancellationToken cancellationToken) =>
            CreateIdentificationAsync("email_addresses", "email_address", userId, emailAddress, verified, primary, cancellationToken);

        public Task<ClerkIdentification> CreatePhoneNumberAsync(string userId, string phoneNumber, bool verified, bool primary, CancellationToken cancellationToken) =>
            CreateIdentificationAsync("phone_numbers", "phone_number", userId, phoneNumber, verified, primary, cancellationToken);

        public Task<bool> DeleteEmailAddressAsync(string emailAddressId, CancellationToken cancellationToken) =>
            DeleteAsync("email_addresses/" + Escape(emailAddressId, nameof(emailAddressId)), cancellationToken);

        public Task<bool> DeletePhoneNumberAsync(string phoneNumberId, CancellationToken cancellationToken) =>
            DeleteAsync("phone_numbers/" + Escape(phoneNumberId, nameof(phoneNumberId)), cancellationToken);

        public Task<ClerkUser> BanUserAsync(string userId, CancellationToken cancellationToken) =>
            SendForUserAsync(new ClerkCall(HttpMethod.Post, UserPath(userId) + "/ban", null), "POST /v1/users/{id}/ban", cancellationToken);

        public Task<ClerkUser> LockUserAsync(string userId, CancellationToken cancellationToken) =>
            SendForUserAsync(new ClerkCall(HttpMethod.Post, UserPath(userId) + "/lock", null), "POST /v1/users/{id}/lock", cancellationToken);

        public Task<ClerkUser> UnbanUserAsync(string userId, CancellationToken cancellationToken) =>
            SendForUserAsync(new ClerkCall(HttpMethod.Post, UserPath(userId) + "/unban", null), "POST /v1/users/{id}/unban", cancellationToken);

        public Task<ClerkUser> UnlockUserAsync(string userId, CancellationToken cancellationToken) =>
            SendForUserAsync(new ClerkCall(HttpMethod.Post, UserPath(userId) + "/unlock", null), "POST /v1/users/{id}/unlock", cancellationToken);


        public void Dispose() => _http.Dispose();

        /// <summary>The code of the error a create answer without a user id becomes (the user may or may not be stored).</summary>
        public const string ResponseWithoutUserId = "response_without_user_id";

        /// <summary>The code of the error an answer larger than its bound becomes.</summary>
        public const string ResponseTooLarge = "response_too_large";

        private static ResiliencePipeline<ClerkHttpResult> BuildRetryPipeline(ClerkConnectionSettings settings, bool retryTransient)
        {
            var builder = new ResiliencePipelineBuilder<ClerkHttpResult>();
            if (retryTransient && settings.MaxRetryAttempts > 0)
            {
                builder.AddRetry(new RetryStrategyOptions<ClerkHttpResult>
                {
                    ShouldHandle = args => new ValueTask<bool>(IsTransient(args.Outcome)),
                    MaxRetryAttempts = settings.MaxRetryAttempts,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = settings.RetryBaseDelay,
                    MaxDelay = settings.RetryMaxDelay,
                    OnRetry = args =>
                    {
                        ClerkCall call = args.Context.Properties.GetValue(CallKey, null!);
                        call.MayHaveBeenApplied |= args.Outcome.Exception == null || MayHaveReachedClerk(args.Outcome.Exception);
                        call.Pacer.OnTransientRetry();
                        call.Waited += args.RetryDelay;
                        call.Client.ReportWait(call, args.RetryDelay, null, DescribeTransient(args.Outcome, call.Client._timeout));
                        return default;
                    },
                });
            }

            if (settings.MaxRateLimitRetries > 0)
            {
                builder.AddRetry(new RetryStrategyOptions<ClerkHttpResult>
                {
                    // Within the request's wait budget only: a 429 that never ends is reported, not waited out forever.
                    ShouldHandle = args => new ValueTask<bool>(
                        args.Outcome.Result?.IsTooManyRequests == true
                        && !args.Context.Properties.GetValue(CallKey, null!).WaitBudgetSpent),
                    MaxRetryAttempts = settings.MaxRateLimitRetries,
                    // No delay here: the attempt already paused the instance's limiter for Retry-After, and
                    // the retry waits in that limiter together with every other worker.
                    DelayGenerator = _ => new ValueTask<TimeSpan?>(TimeSpan.Zero),
                    OnRetry = args =>
                    {
                        args.Context.Properties.GetValue(CallKey, null!).Pacer.OnRateLimitRetry();
                        return default;
                    },
                });
            }

            return builder.Build();
        }

        private static string DescribeTransient(Outcome<ClerkHttpResult> outcome, TimeSpan timeout)
        {
            if (outcome.Exception is TimeoutRejectedException)
            {
                return $"no answer within {timeout.TotalSeconds:0.#} s";
            }

            if (outcome.Exception != null)
            {
                return "the connection failed (" + outcome.Exception.GetType().Name + ")";
            }

            return "HTTP " + outcome.Result?.StatusCode;
        }

        private static bool IsTransient(Outcome<ClerkHttpResult> outcome)
        {
            if (outcome.Exception != null)
            {
                return outcome.Exception is HttpRequestException
                    || outcome.Exception is IOException
                    || outcome.Exception is TimeoutRejectedException;
            }

            return outcome.Result?.IsServerError == true;
        }

        /// <summary>False only when the connection was refused or the host not found: then Clerk never saw the request.</summary>
        private static bool MayHaveReachedClerk(Exception exception)
        {
            for (Exception? e = exception; e != null; e = e.InnerException)
            {
                if (e is SocketException socket
                    && (socket.SocketErrorCode == SocketError.ConnectionRefused
                        || socket.SocketErrorCode == SocketError.HostNotFound
                        || socket.SocketErrorCode == SocketError.HostUnreachable
                        || socket.SocketErrorCode == SocketError.NetworkUnreachable))
                {
                    return false;
                }
            }

            return true;
        }

        private static string ModuleVersion()
        {
            Version? version = typeof(ClerkBackendApi).Assembly.GetName().Version;
            return version == null ? "0.0.0" : version.ToString(3);
        }

        private static ClerkUser ToUser(ClerkWire.User user)
        {
            List<ClerkIdentification> emails = Identifications(user.EmailAddresses);
            List<ClerkIdentification> phones = Identifications(user.PhoneNumbers);
            return new ClerkUser
            {
                Id = user.Id ?? string.Empty,
                ExternalId = user.ExternalId,
                Username = user.Username,
                EmailAddresses = emails.Select(e => e.Value).ToList(),
                PhoneNumbers = phones.Select(p => p.Value).ToList(),
                PasswordEnabled = user.PasswordEnabled,
                FirstName = user.FirstName,
                LastName = user.LastName,
                EmailAddressDetails = emails,
                PhoneNumberDetails = phones,
                PrimaryEmailAddressId = user.PrimaryEmailAddressId,
                PrimaryPhoneNumberId = user.PrimaryPhoneNumberId,
                CognitoUsername = CognitoMetadata(user.PrivateMetadata, "username"),
                CognitoUserPoolId = CognitoMetadata(user.PrivateMetadata, "user_pool_id"),
                LastSignInAt = FromUnixMilliseconds(user.LastSignInAt),
                LastActiveAt = FromUnixMilliseconds(user.LastActiveAt),
                Banned = user.Banned,
                Locked = user.Locked,
                PublicMetadata = user.PublicMetadata,
                PrivateMetadata = user.PrivateMetadata,
                UnsafeMetadata = user.UnsafeMetadata,
            };
        }

        private static List<ClerkIdentification> Identifications(List<ClerkWire.Identification>? wire) =>
            (wire ?? new List<ClerkWire.Identification>())
                .Where(i => !string.IsNullOrEmpty(i?.Value))
                .Select(i => new ClerkIdentification(i.Id ?? string.Empty, i.Value!, IsVerified(i.Verification)))
                .ToList();

        private static bool IsVerified(ClerkWire.Verification? verification) =>
            string.Equals(verification?.Status, "verified", StringComparison.Ordinal);

        private static string UserPath(string userId) => "users/" + Escape(userId, nameof(userId));

        private static string Escape(string id, string parameterName) =>
            string.IsNullOrEmpty(id) ? throw new ArgumentException("An id is required.", parameterName) : Uri.EscapeDataString(id);

        private static void AddCopy(JsonObject into, string name, JsonObject? value)
        {
            if (value != null)
            {
                into[name] = value.DeepClone();
            }
        }

        /// <summary>POST /v1/email_addresses or /v1/phone_numbers: the two take the same body but for the name of the value.</summary>
        private async Task<ClerkIdentification> CreateIdentificationAsync(
            string resource, string field, string userId, string value, bool verified, bool primary, CancellationToken cancellationToken)
        {
            var json = new JsonObject { ["user_id"] = userId, [field] = value, ["verified"] = verified, ["primary"] = primary };
            await EnsureRateKnownAsync(cancellationToken).ConfigureAwait(false);
            ClerkHttpResult result = await SendAsync(new ClerkCall(HttpMethod.Post, resource, Encoding.UTF8.GetBytes(json.ToJsonString())), cancellationToken).ConfigureAwait(false);
            ClerkWire.Identification created = Read<ClerkWire.Identification>(result, "POST /v1/" + resource);
            return new ClerkIdentification(created.Id ?? string.Empty, created.Value ?? value, IsVerified(created.Verification));
        }

        /// <summary>A DELETE: true when it removed something, false when it was already gone (404).</summary>
        private async Task<bool> DeleteAsync(string relativeUri, CancellationToken cancellationToken)
        {
            ClerkHttpResult? result = await SendOrNotFoundAsync(new ClerkCall(HttpMethod.Delete, relativeUri, null), cancellationToken).ConfigureAwait(false);
            result?.ReleaseBody();
            return result != null;
        }

        /// <summary>A call answered with the User object, after the instance's pace is known.</summary>
        private async Task<ClerkUser> SendForUserAsync(ClerkCall call, string operation, CancellationToken cancellationToken)
        {
            await EnsureRateKnownAsync(cancellationToken).ConfigureAwait(false);
            ClerkHttpResult result = await SendAsync(call, cancellationToken).ConfigureAwait(false);
            return ToUser(Read<ClerkWire.User>(result, operation));
        }

        /// <summary>
        /// A call where 404 is an answer, not an error: the user or identification is not (or no longer) there.
        /// A DELETE retried after a lost answer meets its own earlier success this way.
        /// </summary>
        private async Task<ClerkHttpResult?> SendOrNotFoundAsync(ClerkCall call, CancellationToken cancellationToken)
        {
            await EnsureRateKnownAsync(cancellationToken).ConfigureAwait(false);
            ClerkHttpResult result = await SendAsync(call, cancellationToken, throwOnError: false).ConfigureAwait(false);
            if (result.IsSuccess)
            {
                return result;
            }

            if (result.StatusCode == 404)
            {
                return null;
            }

            throw ToException(result, call);
        }

        /// <summary>Clerk's Unix milliseconds as a time; null when absent or outside any calendar (a hostile answer must not throw).</summary>
        private static DateTimeOffset? FromUnixMilliseconds(long? milliseconds) =>
            milliseconds.HasValue
            && milliseconds.Value >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds()
            && milliseconds.Value <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
                ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds.Value)
                : (DateTimeOffset?)null;

        private static string? CognitoMetadata(JsonObject? metadata, string name) =>
            metadata?["cognito"] is JsonObject cognito && cognito[name] is JsonValue value && value.TryGetValue(out string? text) ? text : null;

        private async Task EnsureRateKnownAsync(CancellationToken cancellationToken)
        {
            if (_pacer.IsRateKnown)
            {
                return;
            }

            await _pacer.RateResolution.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_pacer.IsRateKnown)
                {
                    return;
                }

                try
                {
                    await GetInstanceAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (ClerkApiException e) when (e.StatusCode >= 400 && e.StatusCode < 500 && !e.IsAuthenticationFailure && e.StatusCode != 429)
                {
                    // Something in front of Clerk without /v1/instance: keep the lower limit, which is safe anywhere.
                    _pacer.ApplyDiscovered(ClerkInstancePacer.DevelopmentRequestsPer10Seconds, ClerkRateSource.DevelopmentFallback);
                }
            }
            finally
            {
                _pacer.RateResolution.Release();
            }
        }

        private async Task ListAllAsync(string filterQuery, Dictionary<string, ClerkUser> into, CancellationToken cancellationToken)
        {
            await EnsureRateKnownAsync(cancellationToken).ConfigureAwait(false);
            for (int offset = 0; ; offset += MaxListLimit)
            {
                string relative = "users?" + filterQuery + "&limit=" + MaxListLimit + "&offset=" + offset;
                var call = new ClerkCall(HttpMethod.Get, relative, null) { MaxResponseBytes = MaxListResponseBytes };
                ClerkHttpResult result = await SendAsync(call, cancellationToken).ConfigureAwait(false);
                List<ClerkWire.User> page = Read<List<ClerkWire.User>>(result, "GET /v1/users") ?? new List<ClerkWire.User>();
                foreach (ClerkWire.User user in page.Where(u => u != null && !string.IsNullOrEmpty(u.Id)))
                {
                    into[user.Id!] = ToUser(user);
                }

                // A short page is the last one ("stop when a page returns fewer than limit users").
                if (page.Count < MaxListLimit)
                {
                    return;
                }
            }
        }

        private async Task<ClerkHttpResult> SendAsync(ClerkCall call, CancellationToken cancellationToken, bool throwOnError = true)
        {
            call.Pacer = _pacer;
            call.Client = this;
            ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(CallKey, call);
            ClerkHttpResult result;
            try
            {
                ResiliencePipeline<ClerkHttpResult> pipeline = call.RetryTransient ? _retryAll : _retryRateLimitOnly;
                result = await pipeline.ExecuteAsync(
                    static (ctx, state) => state.self.AttemptAsync(state.call, ctx.CancellationToken),
                    context,
                    (self: this, call)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException || e is IOException || e is TimeoutRejectedException)
            {
                throw new ClerkConnectionException(
                    DescribeConnectionFailure(call, e),
                    e,
                    call.Attempts,
                    call.MayHaveBeenApplied || MayHaveReachedClerk(e));
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }

            if (throwOnError && !result.IsSuccess)
            {
                throw ToException(result, call);
            }

            return result;
        }

        private async ValueTask<ClerkHttpResult> AttemptAsync(ClerkCall call, CancellationToken cancellationToken)
        {
            // An update of one user waits for room in that user's window first (Clerk's per-user limit).
            ClerkUserUpdatePacer.Reservation? userSlot = call.UpdatesUserId == null
                ? null
                : await _pacer.UserUpdates.ReserveAsync(call.UpdatesUserId, cancellationToken).ConfigureAwait(false);
            ClerkRateLimiter.SendPermit permit;
            try
            {
                permit = await _pacer.AcquireAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                userSlot?.Cancel();
                throw;
            }

            userSlot?.Sent();
            try
            {
                call.Attempts++;
                ClerkHttpResult result = await _attemptTimeout.ExecuteAsync(
                    static (state, ct) => state.self.SendOnceAsync(state.call, state.permit, ct),
                    (self: this, call, permit),
                    cancellationToken).ConfigureAwait(false);
                if (result.IsTooManyRequests)
                {
                    // Pause every worker before this one even decides to retry; never longer than the cap.
                    TimeSpan requested = result.RetryAfter ?? ClerkRetryAfter.Default;
                    TimeSpan wait = ClerkRetryAfter.Capped(requested, _maxRetryAfter);
                    bool extended = _pacer.OnTooManyRequests(wait);
                    call.Waited += wait;
                    if (call.Waited > _maxWaitPerRequest)
                    {
                        call.WaitBudgetSpent = true;
                    }
                    else if (extended)
                    {
                        // Said once per pause, by the request whose 429 set it, not by every worker it holds back.
                        ReportWait(call, wait, requested, "429 Too Many Requests");
                    }
                }

                return result;
            }
            finally
            {
                _pacer.Complete(permit);
            }
        }

        private async ValueTask<ClerkHttpResult> SendOnceAsync(ClerkCall call, ClerkRateLimiter.SendPermit permit, CancellationToken cancellationToken)
        {
            using var message = new HttpRequestMessage(call.Method, new Uri(BaseUri, call.RelativeUri));
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _secretKey.Reveal());
            message.Headers.TryAddWithoutValidation("Clerk-API-Version", ApiVersion);
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (call.Body != null)
            {
                message.Content = new ClerkJsonContent(call.Body, permit);
            }

            // Headers first, then the body up to its bound, with the attempt's token (its timeout) covering both. The
            // body goes into a pooled buffer rather than HttpClient's and a string, which a large page of users would
            // put on the large-object heap.
            using HttpResponseMessage response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            if (SafeHttpHandler.IsRedirect(response))
            {
                // Clerk does not redirect; following one could carry the key to another host or to http.
                throw new ClerkApiException(
                    status,
                    "redirect_not_followed",
                    $"The answer to {call.Method.Method} /v1/{call.Path} is a redirect to {SafeHttpHandler.DescribeLocation(response)}, which is not followed: Clerk does not redirect, so something between here and Clerk does. Check the API URL.",
                    null,
                    null,
                    FirstHeader(response, "CF-Ray"));
            }

            byte[] buffer;
            int length;
            try
            {
                (buffer, length) = await BoundedResponseBody.ReadPooledAsync(response.Content, call.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            }
            catch (ResponseTooLargeException tooLarge)
            {
                throw new ClerkApiException(
                    status,
                    ResponseTooLarge,
                    $"The answer to {call.Method.Method} /v1/{call.Path} (HTTP {status}) is not one of Clerk's: {tooLarge.Message}.",
                    null,
                    null,
                    FirstHeader(response, "CF-Ray"));
            }

            return new ClerkHttpResult(
                status,
                response.ReasonPhrase,
                buffer,
                length,
                BoundedResponseBody.Pool,
                response.Content?.Headers.ContentType?.MediaType,
                FirstHeader(response, "CF-Ray"),
                status == 429 ? ClerkRetryAfter.Parse(FirstHeader(response, "Retry-After"), DateTimeOffset.UtcNow) : (TimeSpan?)null);
        }

        private void ReportWait(ClerkCall call, TimeSpan wait, TimeSpan? requested, string reason)
        {
            Action<ClerkWaitEvent>? onWait = _onWait;
            if (onWait == null)
            {
                return;
            }

            try
            {
                onWait(new ClerkWaitEvent($"{call.Method.Method} /v1/{call.Path}", wait, requested, reason, call.Attempts));
            }
            catch (Exception)
            {
                // A listener's failure must not change the request's outcome.
            }
        }

        private static string? FirstHeader(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;

        private ClerkApiException ToException(ClerkHttpResult result, ClerkCall call)
        {
            ClerkApiException error = ClerkErrorReader.ToException(result, _secretKey);
            result.ReleaseBody();
            error.Attempts = call.Attempts;
            error.PriorAttemptMayHaveBeenApplied = call.MayHaveBeenApplied;
            return error;
        }

        private T Read<T>(ClerkHttpResult result, string operation)
        {
            try
            {
                T? value = JsonSerializer.Deserialize<T>(result.Utf8Body, ClerkWire.Options);
                if (value != null)
                {
                    return value;
                }
            }
            catch (JsonException)
            {
                // Reported below.
            }
            finally
            {
                result.ReleaseBody();
            }

            throw new ClerkApiException(
                result.StatusCode,
                "response_unreadable",
                $"The answer to {operation} is not the JSON Clerk sends (a proxy or captive portal in between?).",
                null,
                null,
                result.CfRay);
        }

        private string DescribeConnectionFailure(ClerkCall call, Exception e)
        {
            string target = _secretKey.Redact($"{call.Method.Method} {new Uri(BaseUri, call.Path).AbsoluteUri}");
            string cause = e is TimeoutRejectedException
                ? $"no answer within {_timeout.TotalSeconds:0.#} s"
                : TransportError.Describe(e, 400, _secretKey.Redact);
            return $"Clerk did not answer {target} after {call.Attempts} attempt(s): {cause}";
        }

        /// <summary>One logical request and what its attempts found out.</summary>
        private sealed class ClerkCall
        {
            public ClerkCall(HttpMethod method, string relativeUri, byte[]? body)
            {
                Method = method;
                RelativeUri = relativeUri;
                Body = body;
            }

            public HttpMethod Method { get; }

            /// <summary>Relative to <see cref="BaseUri"/>, with the query.</summary>
            public string RelativeUri { get; }

            public string Path
            {
                get
                {
                    int query = RelativeUri.IndexOf('?');
                    return query < 0 ? RelativeUri : RelativeUri.Substring(0, query);
                }
            }

            public byte[]? Body { get; }

            public bool RetryTransient { get; set; } = true;

            /// <summary>Set for the calls Clerk also limits per user (PATCH /v1/users/{id} and its metadata).</summary>
            public string? UpdatesUserId { get; set; }

            public ClerkInstancePacer Pacer { get; set; } = null!;

            public ClerkBackendApi Client { get; set; } = null!;

            /// <summary>The bound on this call's answer body.</summary>
            public int MaxResponseBytes { get; set; } = ClerkBackendApi.MaxResponseBytes;

            /// <summary>Time this request has spent waiting to be sent again (Retry-After pauses and backoffs).</summary>
            public TimeSpan Waited { get; set; }

            /// <summary>True once <see cref="Waited"/> passed the per-request budget: the next 429 is reported.</summary>
            public bool WaitBudgetSpent { get; set; }

            public int Attempts { get; set; }

            public bool MayHaveBeenApplied { get; set; }
        }
    }
}
