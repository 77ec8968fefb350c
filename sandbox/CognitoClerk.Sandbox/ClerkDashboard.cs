using System.Net;
using System.Net.Http.Headers;

namespace CognitoClerk.Sandbox;

/// <summary>
/// What an admin does by hand in the Clerk dashboard, for the rehearsal: ban a user. The dashboard calls the same
/// Backend API route as the module (POST /v1/users/{id}/ban), so Clerk holds a ban like any other, only without the
/// module's record of having placed it (private_metadata.cognito.access): the one case a sync must never lift.
/// </summary>
internal sealed class ClerkDashboard : IDisposable
{
    private readonly HttpClient _http;

    public ClerkDashboard(string baseUrl, string secretKey)
    {
        _http = new HttpClient { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/v1/"), Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secretKey);
    }

    /// <summary>
    /// Bans the user and returns Clerk's status code (200 when banned). The instance's rate limit is shared with
    /// everything else the rehearsal sends, so a 429 is waited out as Retry-After says (at most 10 s, 5 tries).
    /// </summary>
    public async Task<HttpStatusCode> BanAsync(string clerkUserId, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            using HttpResponseMessage response = await _http.PostAsync("users/" + Uri.EscapeDataString(clerkUserId) + "/ban", content: null, cancellationToken);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == 5)
            {
                return response.StatusCode;
            }

            TimeSpan wait = response.Headers.RetryAfter?.Delta is { } delta && delta > TimeSpan.Zero && delta <= TimeSpan.FromSeconds(10)
                ? delta
                : TimeSpan.FromSeconds(10);
            await Task.Delay(wait, cancellationToken);
        }
    }

    public void Dispose() => _http.Dispose();
}
