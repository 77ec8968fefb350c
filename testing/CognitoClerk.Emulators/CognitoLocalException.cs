namespace CognitoClerk.Emulators;

/// <summary>An error answer from cognito-local to a seeding or admin call.</summary>
public sealed class CognitoLocalException : Exception
{
    public CognitoLocalException(string operation, int statusCode, string errorType, string message)
        : base($"cognito-local {operation} failed ({statusCode}): {errorType}: {message}")
    {
        Operation = operation;
        StatusCode = statusCode;
        ErrorType = errorType;
        ServiceMessage = message;
    }

    public string Operation { get; }

    public int StatusCode { get; }

    public string ErrorType { get; }

    public string ServiceMessage { get; }
}
