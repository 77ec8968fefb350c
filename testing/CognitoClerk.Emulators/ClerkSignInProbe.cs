using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CognitoClerk.Emulators;

/// <summary>
/// Signs a migrated user in the way Clerk checks a password at sign-in: POST /v1/users/{id}/verify_password
/// over HTTP, or with <see cref="SignInAsync"/> the emulator's simulated sign-in, which also records it. For an awscognito user the emulator asks Cognito (InitiateAuth) and, once the password is
/// right, keeps its own hash, so a second sign-in no longer reaches Cognito. Shared by the end-to-end test
/// and the sandbox; the password goes into the request body only and into no message.
/// </summary>
public sealed class ClerkSignInProbe : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _secretKey;

    public ClerkSignInProbe(string baseUrl, string secretKey)
    {
        _http = new HttpClient { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/v1/"), Timeout = TimeSpan.FromSeconds(60) };
        _secretKey = secretKey;
    }

    /// <summary>429s met so far (and waited out, as Retry-After asks).</summary>
    public int TooManyRequests { get; private set; }

    /// <summary>One sign-in check. A 429 is waited out (Retry-After, at most 10 s) and the call repeated, as any Backend API client must.</summary>
    public Task<ClerkSignInAnswer> VerifyPasswordAsync(string clerkUserId, string password, CancellationToken cancellationToken = default) =>
        CallAsync(clerkUserId, "verify_password", password, cancellationToken);

    /// <summary>
    /// A real sign-in, as far as the Clerk emulator can have one (its own route POST /v1/users/{id}/sign_in, which
    /// real Clerk does not have): the password is checked exactly as verify_password checks it (for an awscognito
    /// user, Cognito InitiateAuth and then the re-hash), a banned user is refused (403 user_banned), and on success
    /// the user's last_sign_in_at and last_active_at are set, as a sign-in through Clerk's Frontend API sets them.
    /// Verified is true when the user is signed in. 429s are waited out as for <see cref="VerifyPasswordAsync"/>.
    /// </summary>
    public Task<ClerkSignInAnswer> SignInAsync(string clerkUserId, string password, CancellationToken cancellationToken = default) =>
        CallAsync(clerkUserId, "sign_in", password, cancellationToken);

    private async Task<ClerkSignInAnswer> CallAsync(string clerkUserId, string action, string password, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            (ClerkSignInAnswer answer, TimeSpan? retryAfter) = await SendAsync(clerkUserId, action, password, cancellationToken).ConfigureAwait(false);
            if (answer.Status != 429 || attempt == 5)
            {
                return answer;
            }

            TooManyRequests++;
            await Task.Delay(retryAfter is { } wait && wait > TimeSpan.Zero && wait <= TimeSpan.FromSeconds(10) ? wait : TimeSpan.FromSeconds(10), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task<(ClerkSignInAnswer Answer, TimeSpan? RetryAfter)> SendAsync(string clerkUserId, string action, string password, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "users/" + Uri.EscapeDataString(clerkUserId) + "/" + action)
        {
            Content = new StringContent(new JsonObject { ["password"] = password }.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _secretKey);

        using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        bool verified = false;
        string? code = null;
        string? message = null;
        try
        {
            using JsonDocument json = JsonDocument.Parse(text);
            JsonElement root = json.RootElement;
            if (root.TryGetProperty("verified", out JsonElement v) && v.ValueKind == JsonValueKind.True)
            {
                verified = true;
            }

            // sign_in answers the User object: signed in when it says when.
            if (root.TryGetProperty("last_sign_in_at", out JsonElement signedIn) && signedIn.ValueKind == JsonValueKind.Number)
            {
                verified = true;
            }

            if (root.TryGetProperty("errors", out JsonElement errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                JsonElement first = errors[0];
                code = first.TryGetProperty("code", out JsonElement c) ? c.GetString() : null;
                message = first.TryGetProperty("long_message", out JsonElement m) ? m.GetString() : null;
            }
        }
        catch (JsonException)
        {
            message = "not JSON: " + (text.Length > 200 ? text[..200] : text);
        }

        return (new ClerkSignInAnswer((int)response.StatusCode, verified && response.IsSuccessStatusCode, code, message), response.Headers.RetryAfter?.Delta);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>Clerk's answer to one verify_password call (or simulated sign-in): 200 verified, or an error code such as incorrect_password.</summary>
public sealed record ClerkSignInAnswer(int Status, bool Verified, string? ErrorCode, string? ErrorMessage)
{
    public override string ToString() => Verified ? "verified" : $"{Status} {ErrorCode}: {ErrorMessage}";
}
