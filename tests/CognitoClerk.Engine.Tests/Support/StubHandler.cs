using System.Net;
using System.Text;

namespace CognitoClerk.Engine.Tests.Support;

/// <summary>Answers every request with a canned response: for error bodies no real server would send.</summary>
internal sealed class StubHandler(HttpStatusCode status, string body, string mediaType = "application/json", IDictionary<string, string>? headers = null) : HttpMessageHandler
{
    public List<HttpRequestMessage> Requests { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType), RequestMessage = request };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return Task.FromResult(response);
    }
}
