using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using CognitoClerk.Engine.Net;
using CognitoClerk.Engine.Text;
using Polly;
using Polly.Timeout;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// <see cref="ICognitoIdentityProvider"/> over AWS JSON 1.1 with HttpClient, signed by AWSSDK.Core.
    /// One instance per cmdlet invocation (or per process); thread-safe; dispose it to release its connections.
    /// </summary>
    /// <example>
    /// <code>
    /// var settings = new CognitoConnectionSettings { UserPoolId = "eu-west-1_AbC", EndpointUrl = env };
    /// using var cognito = new CognitoIdentityProviderClient(settings);   // throws CognitoConfigurationException
    /// CognitoUserPool pool = await cognito.DescribeUserPoolAsync(cognito.Connection.UserPoolId, ct);
    /// </code>
    /// </example>
    public sealed class CognitoIdentityProviderClient : ICognitoIdentityProvider, IDisposable
    {
        public const string UserAgent = "CognitoClerk/0.1";
        internal const string TargetPrefix = "AWSCognitoIdentityProviderService.";
        internal const string ContentType = "application/x-amz-json-1.1";

        /// <summary>Cognito's maximum ListUsers page.</summary>
        public const int ListUsersPageLimit = 60;

        /// <summary>
        /// The most of one answer that is read (16 MiB). The largest real one, a ListUsers page, is 60 users of
        /// at most 50 attributes of 2,048 bytes: about 6 MB even then, a few KB in practice.
        /// </summary>
        public const int MaxResponseBytes = 16 * 1024 * 1024;

        /// <summary>Cognito's maximum ListGroups and ListUsersInGroup page.</summary>
        internal const int GroupPageLimit = 60;

        private readonly HttpClient _http;
        private readonly AwsCredentialSource _credentials;
        private readonly CognitoRequestSigner _signer;
        private readonly ResiliencePipeline _readPipeline;
        private readonly ResiliencePipeline _signInPipeline;

        /// <summary>Resolves the settings (no network yet); credentials are resolved at the first signed call.</summary>
        /// <exception cref="CognitoConfigurationException">Missing or malformed pool ID, unknown region, bad endpoint URL.</exception>
        public CognitoIdentityProviderClient(CognitoConnectionSettings settings)
            : this(settings, null, null)
        {
        }

        /// <summary>For tests: fixed credentials and/or a custom handler.</summary>
        internal CognitoIdentityProviderClient(CognitoConnectionSettings settings, AWSCredentials? credentials, HttpMessageHandler? handler)
        {
            if (settings == null)
            {
                throw new ArgumentNullException(nameof(settings));
            }

            Connection = settings.Resolve();
            _credentials = credentials != null ? new AwsCredentialSource(credentials) : new AwsCredentialSource(Connection.ProfileName);
            _signer = new CognitoRequestSigner(Connection);
            _readPipeline = CognitoRetryPipelines.ForReads(settings);
            _signInPipeline = CognitoRetryPipelines.ForSignIn(settings);

            // The per-attempt timeout lives in the retry pipeline, where it can be retried; HttpClient's own
            // would surface as an indistinguishable TaskCanceledException.
            // No redirect is followed and a loopback endpoint never goes through a proxy: the signature, a session
            // token, or InitiateAuth's password would otherwise go wherever the redirect or the proxy says.
            _http = new HttpClient(handler ?? SafeHttpHandler.Create(Connection.Endpoint), disposeHandler: true);
            _http.Timeout = Timeout.InfiniteTimeSpan;
        }

        public CognitoConnection Connection { get; }

        /// <summary>Resolves the AWS credentials now, so a caller can report their absence before listing anything.</summary>
        /// <exception cref="CognitoCredentialsException">No usable credentials.</exception>
        public Task EnsureCredentialsAsync(CancellationToken cancellationToken) => _credentials.GetAsync(cancellationToken);

        public async Task<CognitoUserPage> ListUsersAsync(string userPoolId, string? filter, string? paginationToken, CancellationToken cancellationToken)
        {
            UserPoolIdFormat.EnsureValid(userPoolId);
            byte[] body = Json(writer =>
            {
                writer.WriteString("UserPoolId", userPoolId);
                writer.WriteNumber("Limit", ListUsersPageLimit);
                if (!string.IsNullOrEmpty(filter))
                {
                    writer.WriteString("Filter", filter);
                }

                if (!string.IsNullOrEmpty(paginationToken))
                {
                    writer.WriteString("PaginationToken", paginationToken);
                }
            });

            // The body, token included, is built once: every retry re-sends the same page request.
            return await SendSignedAsync("ListUsers", body, root => CognitoJsonReader.ReadUserPage(root, userPoolId), cancellationToken)
                .ConfigureAwait(false);
        }

        public Task<CognitoGroupPage> ListGroupsAsync(string userPoolId, string? nextToken, CancellationToken cancellationToken)
        {
            UserPoolIdFormat.EnsureValid(userPoolId);
            byte[] body = Json(writer =>
            {
                writer.WriteString("UserPoolId", userPoolId);
                writer.WriteNumber("Limit", GroupPageLimit);
                if (!string.IsNullOrEmpty(nextToken))
                {
                    writer.WriteString("NextToken", nextToken);
                }
            });
            return SendSignedAsync("ListGroups", body, CognitoJsonReader.ReadGroupPage, cancellationToken);
        }

        public Task<CognitoUserPage> ListUsersInGroupAsync(string userPoolId, string groupName, string? nextToken, CancellationToken cancellationToken)
        {
            UserPoolIdFormat.EnsureValid(userPoolId);
            RequireText(groupName, nameof(groupName));
            byte[] body = Json(writer =>
            {
                writer.WriteString("UserPoolId", userPoolId);
                writer.WriteString("GroupName", groupName);
                writer.WriteNumber("Limit", GroupPageLimit);
                if (!string.IsNullOrEmpty(nextToken))
                {
                    writer.WriteString("NextToken", nextToken);
                }
            });

            // Same retries as ListUsers: the body, token included, is built once and re-sent as it is.
            return SendSignedAsync("ListUsersInGroup", body, root => CognitoJsonReader.ReadUserPage(root, userPoolId, "NextToken"), cancellationToken);
        }

        public Task<CognitoUserPool> DescribeUserPoolAsync(string userPoolId, CancellationToken cancellationToken)
        {
            UserPoolIdFormat.EnsureValid(userPoolId);
            byte[] body = Json(writer => writer.WriteString("UserPoolId", userPoolId));
            return SendSignedAsync("DescribeUserPool", body, CognitoJsonReader.ReadUserPool, cancellationToken);
        }

        public Task<CognitoUserPoolClient> DescribeUserPoolClientAsync(string userPoolId, string clientId, CancellationToken cancellationToken)
        {
            UserPoolIdFormat.EnsureValid(userPoolId);
            RequireText(clientId, nameof(clientId));
            byte[] body = Json(writer =>
            {
                writer.WriteString("UserPoolId", userPoolId);
                writer.WriteString("ClientId", clientId);
            });
            return SendSignedAsync("DescribeUserPoolClient", body, CognitoJsonReader.ReadUserPoolClient, cancellationToken);
        }

        public async Task<CognitoPasswordCheck> CheckPasswordAsync(string clientId, string username, string password, CancellationToken cancellationToken)
        {
            RequireText(clientId, nameof(clientId));
            RequireText(username, nameof(username));
            if (password == null)
            {
                throw new ArgumentNullException(nameof(password));
            }

            byte[] body = Json(writer =>
            {
                writer.WriteString("AuthFlow", "USER_PASSWORD_AUTH");
                writer.WriteString("ClientId", clientId);
                writer.WriteStartObject("AuthParameters");
                writer.WriteString("USERNAME", username);
                writer.WriteString("PASSWORD", password);
                writer.WriteEndObject();
            });

            try
            {
                return await SendAsync(
                    "InitiateAuth", body, signed: false, _signInPipeline,
                    root =>
                    {
                        // Tokens are never read out of the answer, only whether they are there.
                        if (root.TryGetProperty("AuthenticationResult", out JsonElement result) && result.ValueKind == JsonValueKind.Object)
                        {
                            return new CognitoPasswordCheck(CognitoPasswordOutcome.Authenticated);
                        }

                        string? challenge = CognitoJsonReader.ReadString(root, "ChallengeName");
                        return challenge != null
                            ? new CognitoPasswordCheck(CognitoPasswordOutcome.Challenge, challenge)
                            : throw new JsonException("InitiateAuth answered neither AuthenticationResult nor ChallengeName.");
                    },
                    cancellationToken,
                    text => Scrub(text, password)).ConfigureAwait(false);
            }
            catch (CognitoServiceException ex)
            {
                // Scrubbed again here, whole, although the error text was scrubbed before it was shortened.
                string message = Scrub(ex.ServiceMessage, password);
                switch (ex.ErrorType)
                {
                    case CognitoErrorTypes.NotAuthorized:
                    case CognitoErrorTypes.InvalidPassword:
                        return new CognitoPasswordCheck(CognitoPasswordOutcome.WrongPassword, null, message);
                    case CognitoErrorTypes.UserNotFound:
                        return new CognitoPasswordCheck(CognitoPasswordOutcome.UserNotFound, null, message);
                    case CognitoErrorTypes.UserNotConfirmed:
                        return new CognitoPasswordCheck(CognitoPasswordOutcome.UserNotConfirmed, null, message);
                    case CognitoErrorTypes.PasswordResetRequired:
                        return new CognitoPasswordCheck(CognitoPasswordOutcome.PasswordResetRequired, null, message);
                    default:
                        throw new CognitoServiceException(ex.Operation, ex.StatusCode, ex.ErrorType, message);
                }
            }
        }

        public void Dispose() => _http.Dispose();

        private Task<T> SendSignedAsync<T>(string operation, byte[] body, Func<JsonElement, T> read, CancellationToken cancellationToken) =>
            SendAsync(operation, body, signed: true, _readPipeline, read, cancellationToken);

        /// <param name="redact">For error text from the server, before it is shortened: what else this call must never show (the password).</param>
        private async Task<T> SendAsync<T>(
            string operation, byte[] body, bool signed, ResiliencePipeline pipeline, Func<JsonElement, T> read, CancellationToken cancellationToken,
            Func<string, string>? redact = null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ResilienceContext context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
            try
            {
                return await pipeline.ExecuteAsync(
                    async ctx => await SendOnceAsync(operation, body, signed, read, redact, ctx.CancellationToken).ConfigureAwait(false),
                    context).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new CognitoTransportException(operation, Connection.Endpoint, TransportError.Describe(ex, 400), ex);
            }
            catch (TimeoutRejectedException ex)
            {
                throw new CognitoTransportException(operation, Connection.Endpoint, $"no answer within {ex.Timeout.TotalSeconds:0} s", ex);
            }
            catch (JsonException ex)
            {
                throw new CognitoResponseException(operation, Connection.Endpoint, "the body is not JSON (or was cut off), on every attempt", ex);
            }
            catch (CognitoAnswerShapeException ex)
            {
                throw new CognitoResponseException(operation, Connection.Endpoint, ex.Message, ex);
            }
            catch (ResponseTooLargeException ex)
            {
                throw new CognitoResponseException(operation, Connection.Endpoint, ex.Message, ex);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        private async ValueTask<T> SendOnceAsync<T>(
            string operation, byte[] body, bool signed, Func<JsonElement, T> read, Func<string, string>? redact, CancellationToken cancellationToken)
        {
            ImmutableCredentials? credentials = null;
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Content-Type"] = ContentType,
                ["X-Amz-Target"] = TargetPrefix + operation,
            };

            if (signed)
            {
                // Fetched per attempt: refreshing credentials (SSO, assume-role) may have renewed since the last one.
                credentials = await _credentials.GetAsync(cancellationToken).ConfigureAwait(false);
                headers = new Dictionary<string, string>(_signer.Sign(headers, body, credentials), StringComparer.OrdinalIgnoreCase);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, Connection.Endpoint)
            {
                // Not StringContent: its "; charset=utf-8" would no longer match the signed content-type.
                Content = new ByteArrayContent(body),
            };

            foreach (KeyValuePair<string, string> header in headers)
            {
                if (string.Equals(header.Key, "Host", StringComparison.OrdinalIgnoreCase))
                {
                    continue; // HttpClient writes it from the URI, port included, exactly as it was signed.
                }

                if (string.Equals(header.Key, "Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    request.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                    continue;
                }

                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            request.Headers.UserAgent.ParseAdd(UserAgent);

            // Headers first, then the body up to its bound, inside the attempt's timeout.
            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
            if (SafeHttpHandler.IsRedirect(response))
            {
                throw new CognitoAnswerShapeException(
                    $"HTTP {(int)response.StatusCode}, a redirect to {SafeHttpHandler.DescribeLocation(response)}, which is not followed " +
                    "(Cognito never redirects; following it would send the signed request, and for a sign-in the password, elsewhere)");
            }

            byte[] answer = await BoundedResponseBody.ReadAsync(response.Content, MaxResponseBytes, cancellationToken).ConfigureAwait(false);

            if (!response.IsSuccessStatusCode)
            {
                // Whatever answers may echo the request (a proxy's error page): the secret key and session token
                // never leave in an error, nor the password of a sign-in.
                throw CognitoErrorParser.Parse(operation, (int)response.StatusCode, ErrorTypeHeader(response), answer, text =>
                {
                    string scrubbed = Scrub(Scrub(text, credentials?.SecretKey ?? string.Empty), credentials?.Token ?? string.Empty);
                    return redact == null ? scrubbed : redact(scrubbed);
                });
            }

            using JsonDocument document = JsonDocument.Parse(answer);
            return read(document.RootElement);
        }

        private static string? ErrorTypeHeader(HttpResponseMessage response)
        {
            if (response.Headers.TryGetValues("x-amzn-ErrorType", out IEnumerable<string>? values)
                || response.Content.Headers.TryGetValues("x-amzn-ErrorType", out values))
            {
                return values.FirstOrDefault();
            }

            return null;
        }

        private static byte[] Json(Action<Utf8JsonWriter> writeProperties)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writeProperties(writer);
                writer.WriteEndObject();
            }

            return stream.ToArray();
        }

        private static void RequireText(string value, string name)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException("A value is required.", name);
            }
        }

        /// <summary>No Cognito message is known to echo the password; this makes sure none ever does.</summary>
        private static string Scrub(string message, string password) =>
            password.Length > 0 && message.IndexOf(password, StringComparison.Ordinal) >= 0
                ? message.Replace(password, "********")
                : message;
    }
}
