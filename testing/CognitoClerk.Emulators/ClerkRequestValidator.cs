using System.Text.Json;

namespace CognitoClerk.Emulators;

/// <summary>
/// Checks a JSON body against a request schema taken from the spec: unknown keys (the spec's
/// additionalProperties: false), JSON types, nullability, enums and required keys, with the error
/// codes Clerk uses for each.
/// </summary>
internal static class ClerkRequestValidator
{
    /// <param name="refused">Keys the spec allows but this instance has not enabled (username without usernames).</param>
    public static void Check(JsonElement body, OpenApiSchema schema, IReadOnlySet<string>? refused = null)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new ClerkEmulatorError(400, "request_body_invalid", "Request body invalid", "The request body is not a JSON object.");
        }

        foreach (JsonProperty property in body.EnumerateObject())
        {
            if ((!schema.AdditionalProperties && !schema.Properties.ContainsKey(property.Name)) || refused?.Contains(property.Name) == true)
            {
                throw ClerkEmulatorError.Unknown(property.Name);
            }

            if (schema.Properties.TryGetValue(property.Name, out OpenApiSchema? propertySchema))
            {
                CheckValue(property.Name, property.Value, propertySchema);
            }
        }

        foreach (string required in schema.Required)
        {
            if (!body.TryGetProperty(required, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            {
                throw ClerkEmulatorError.Missing(required);
            }
        }
    }

    private static void CheckValue(string param, JsonElement value, OpenApiSchema schema)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!schema.Nullable)
            {
                throw ClerkEmulatorError.Invalid(param, "null", schema.Type ?? "a value");
            }

            return;
        }

        bool matches = schema.Type switch
        {
            "string" => value.ValueKind == JsonValueKind.String,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            "number" => value.ValueKind == JsonValueKind.Number,
            "array" => value.ValueKind == JsonValueKind.Array,
            "object" => value.ValueKind == JsonValueKind.Object,
            _ => true,
        };
        if (!matches)
        {
            throw ClerkEmulatorError.Invalid(param, Describe(value.ValueKind), schema.Type!);
        }

        if (schema.Enum != null && value.ValueKind == JsonValueKind.String && !schema.Enum.Contains(value.GetString()!))
        {
            throw ClerkEmulatorError.InvalidValue(param, $"'{value.GetString()}' is not one of {string.Join(", ", schema.Enum)}");
        }

        if (schema.Type == "array" && schema.Items != null)
        {
            foreach (JsonElement item in value.EnumerateArray())
            {
                CheckValue(param, item, schema.Items);
            }
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "null",
    };
}
