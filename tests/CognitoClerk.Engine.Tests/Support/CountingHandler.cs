namespace CognitoClerk.Engine.Tests.Support;

/// <summary>Counts the response body bytes the client actually pulls from the connection.</summary>
internal sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private long _read;

    public long BodyBytesRead => Interlocked.Read(ref _read);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
        Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var counted = new StreamContent(new CountingStream(body, n => Interlocked.Add(ref _read, n)));
        foreach (var header in response.Content.Headers)
        {
            counted.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = counted;
        return response;
    }
}
