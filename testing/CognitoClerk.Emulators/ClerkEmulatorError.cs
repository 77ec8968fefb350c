namespace CognitoClerk.Emulators;

/// <summary>An answer in Clerk's ClerkErrors shape, thrown from a handler and written by the emulator.</summary>
public sealed class ClerkEmulatorError : Exception
{
    public ClerkEmulatorError(int status, string code, string message, string longMessage, string? paramName = null)
        : base($"{status} {code}: {longMessage}")
    {
        Status = status;
        Code = code;
        ShortMessage = message;
        LongMessage = longMessage;
        ParamName = paramName;
    }

    public int Status { get; }

    public string Code { get; }

    public string ShortMessage { get; }

    public string LongMessage { get; }

    public string? ParamName { get; }

    public static ClerkEmulatorError Unknown(string param) =>
        new(422, "form_param_unknown", "is unknown", $"{param} is not a valid parameter for this request.", param);

    public static ClerkEmulatorError Missing(string param) =>
        new(422, "form_param_missing", "missing data", $"{param} must be included.", param);

    public static ClerkEmulatorError Invalid(string param, string received, string expected) =>
        new(422, "form_param_value_invalid", "is invalid", $"{param} is invalid. Received {received}, must be of type {expected}.", param);

    public static ClerkEmulatorError InvalidValue(string param, string detail) =>
        new(422, "form_param_value_invalid", "is invalid", $"{param} is invalid: {detail}.", param);

    public static ClerkEmulatorError Format(string param, string detail) =>
        new(422, "form_param_format_invalid", "is invalid", detail, param);

    public static ClerkEmulatorError Exists(string param, string what) =>
        new(422, "form_identifier_exists", $"That {what} is taken. Please try another.", $"That {what} is taken. Please try another.", param);

    public static ClerkEmulatorError NotFound(string what) =>
        new(404, "resource_not_found", "not found", what);
}
