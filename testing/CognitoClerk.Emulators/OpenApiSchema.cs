namespace CognitoClerk.Emulators;

/// <summary>The parts of an OpenAPI schema the emulator checks requests against.</summary>
public sealed record OpenApiSchema(
    string? Type,
    bool Nullable,
    IReadOnlyList<string>? Enum,
    OpenApiSchema? Items,
    IReadOnlyDictionary<string, OpenApiSchema> Properties,
    IReadOnlyList<string> Required,
    bool AdditionalProperties);
