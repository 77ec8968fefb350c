using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CognitoClerk.Emulators;

/// <summary>
/// What Clerk does for a user still on the awscognito hasher: Cognito InitiateAuth with
/// USER_PASSWORD_AUTH on the digest's (public) app client, USERNAME = the digest's identifier.
/// Unsigned raw HTTP (InitiateAuth needs no AWS credentials), AWS JSON 1.1.
/// </summary>
internal sealed class ClerkCognitoSignIn : IDisposable
{
    private static readonly MediaTypeHeaderValue AmzJson = new("application/x-amz-json-1.1");

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Uri? _endpoint;

    public ClerkCognitoSignIn(Uri? endpoint) => _endpoint = endpoint;

    /// <summary>How Cognito answered; never holds tokens or the password.</summary>
    public sealed record Answer(bool Authenticated, string? ChallengeName, string? ErrorType, string? ErrorMessage);

    public async Task<Answer> InitiateAuthAsync(ClerkAwsCognitoDigest digest, string password, CancellationToken cancellationToken)
    {
        if (_endpoint == null)
        {
            throw new ClerkEmulatorError(500, "internal_clerk_error", "Oops, an unexpected error occurred",
                "The Clerk emulator has no CognitoEndpoint, so it cannot verify awscognito passwords.");
        }

        var body = new JsonObject
        {
            ["AuthFlow"] = "USER_PASSWORD_AUTH",
            ["ClientId"] = digest.ClientId,
            ["AuthParameters"] = new JsonObject { ["USERNAME"] = digest.Identifier, ["PASSWORD"] = password },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString())),
        };
        request.Content.Headers.ContentType = AmzJson;
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth");

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ClerkEmulatorError(500, "internal_clerk_error", "Oops, an unexpected error occurred", $"Cognito at {_endpoint} could not be reached: {e.Message}");
        }

        using (response)
        {
            string text = await response.Content.ReadAsStringAsync(cancellationToken);
            using JsonDocument json = JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
            JsonElement root = json.RootElement;
            if (response.IsSuccessStatusCode)
            {
                if (root.TryGetProperty("AuthenticationResult", out JsonElement result) && result.ValueKind == JsonValueKind.Object)
                {
                    return new Answer(true, null, null, null);
                }

                return new Answer(false, Text(root, "ChallengeName") ?? "(no tokens)", null, null);
            }

            // "__type" may carry a namespace prefix ("com.amazonaws…#NotAuthorizedException").
            string? type = Text(root, "__type") ?? Text(root, "code");
            if (type != null && type.Contains('#'))
            {
                type = type[(type.LastIndexOf('#') + 1)..];
            }

            return new Answer(false, null, type ?? $"HTTP {(int)response.StatusCode}", Text(root, "message") ?? Text(root, "Message"));
        }
    }

    public void Dispose() => _http.Dispose();

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
