namespace CognitoClerk.Emulators;

/// <summary>What the <see cref="FakeCognitoServer"/> recorded about one request (never the body: it may hold a password).</summary>
public sealed class FakeCognitoRequest
{
    public required string Operation { get; init; }

    public required long Sequence { get; init; }

    public string? Authorization { get; init; }

    public string? ContentType { get; init; }

    public bool HasSecurityToken { get; init; }

    public string? AmzDate { get; init; }

    /// <summary>The SignedHeaders list of the Authorization header, lower case.</summary>
    public IReadOnlyList<string> SignedHeaders { get; init; } = Array.Empty<string>();

    /// <summary>The access key id of the credential scope.</summary>
    public string? AccessKeyId { get; init; }

    /// <summary>The region of the credential scope.</summary>
    public string? SigningRegion { get; init; }

    public string? SigningService { get; init; }

    /// <summary>The fault that answered this request, if one did.</summary>
    public FakeCognitoFault? Fault { get; set; }
}
