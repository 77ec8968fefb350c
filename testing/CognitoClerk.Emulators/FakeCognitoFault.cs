namespace CognitoClerk.Emulators;

/// <summary>A failure the <see cref="FakeCognitoServer"/> answers instead of doing the operation.</summary>
public sealed class FakeCognitoFault
{
    private FakeCognitoFault(FakeCognitoFaultKind kind, int statusCode, string? errorType, string? message, bool typeInHeader, TimeSpan delay)
    {
        Kind = kind;
        StatusCode = statusCode;
        ErrorType = errorType;
        Message = message;
        TypeInHeader = typeInHeader;
        Delay = delay;
    }

    public FakeCognitoFaultKind Kind { get; }

    public int StatusCode { get; }

    public string? ErrorType { get; }

    public string? Message { get; }

    /// <summary>Send the type in x-amzn-ErrorType (in Coral's long form) as well as in the body.</summary>
    public bool TypeInHeader { get; }

    public TimeSpan Delay { get; }

    /// <summary>Cognito's throttling answer: 400, x-amzn-ErrorType and a namespaced __type.</summary>
    public static FakeCognitoFault Throttle() =>
        new(FakeCognitoFaultKind.Error, 400, "TooManyRequestsException", "Too many requests", true, TimeSpan.Zero);

    /// <summary>The bare throttling body some AWS front ends send: {"message":"Rate exceeded"}, no type anywhere.</summary>
    public static FakeCognitoFault RateExceeded() =>
        new(FakeCognitoFaultKind.Error, 400, null, "Rate exceeded", false, TimeSpan.Zero);

    public static FakeCognitoFault InternalError() =>
        new(FakeCognitoFaultKind.Error, 500, "InternalErrorException", "An internal error occurred.", true, TimeSpan.Zero);

    /// <summary>A 503 with an empty body, as a load balancer would answer.</summary>
    public static FakeCognitoFault ServiceUnavailable() =>
        new(FakeCognitoFaultKind.EmptyStatus, 503, null, null, false, TimeSpan.Zero);

    /// <summary>Closes the connection without an answer.</summary>
    public static FakeCognitoFault DropConnection() =>
        new(FakeCognitoFaultKind.DropConnection, 0, null, null, false, TimeSpan.Zero);

    /// <summary>Waits (until the client gives up) before answering normally.</summary>
    public static FakeCognitoFault Hang(TimeSpan delay) =>
        new(FakeCognitoFaultKind.Hang, 0, null, null, false, delay);

    public static FakeCognitoFault Error(int statusCode, string errorType, string message, bool typeInHeader = false) =>
        new(FakeCognitoFaultKind.Error, statusCode, errorType, message, typeInHeader, TimeSpan.Zero);

    public override string ToString() => $"{Kind} {StatusCode} {ErrorType}";
}

public enum FakeCognitoFaultKind
{
    Error,
    EmptyStatus,
    DropConnection,
    Hang,
}
