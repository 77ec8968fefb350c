using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CognitoClerk.Emulators;

namespace CognitoClerk.Engine.Tests.Support;

/// <summary>Plain HTTP to the Clerk emulator, for what the client would never send (unknown fields, wrong types, bad keys).</summary>
internal sealed class RawClerkHttp : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _key;

    public RawClerkHttp(ClerkEmulator emulator)
    {
        _http = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl + "/v1/"), Timeout = TimeSpan.FromSeconds(60) };
        _key = emulator.Options.SecretKey;
    }

    public Task<RawAnswer> PostAsync(string path, string json, string? key = null) => SendAsync(HttpMethod.Post, path, json, key);

    public Task<RawAnswer> GetAsync(string path, string? key = null) => SendAsync(HttpMethod.Get, path, null, key);

    public async Task<RawAnswer> SendAsync(HttpMethod method, string path, string? json, string? key = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (key != "")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? _key);
        }

        if (json != null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using HttpResponseMessage response = await _http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        JsonElement body = text.Length > 0 && text.TrimStart()[0] is '{' or '['
            ? JsonDocument.Parse(text).RootElement.Clone()
            : default;
        string? retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.First() : null;
        return new RawAnswer((int)response.StatusCode, body, text, retryAfter);
    }

    public void Dispose() => _http.Dispose();
}

internal sealed record RawAnswer(int Status, JsonElement Body, string Text, string? RetryAfter)
{
    public JsonElement FirstError => Body.GetProperty("errors")[0];

    public string? Code => FirstError.GetProperty("code").GetString();

    public string? ParamName => FirstError.GetProperty("meta").TryGetProperty("param_name", out var p) ? p.GetString() : null;
}
