using System.Text.Json.Nodes;

namespace CognitoClerk.Emulators;

/// <summary>
/// PATCH /v1/users/{id}/metadata as the spec describes it: "a deep merge will be performed. Deep means that
/// any nested JSON objects will be merged as well. You can remove metadata keys at any level by setting their
/// value to null." Anything that is not an object on both sides (strings, numbers, arrays) is replaced.
/// </summary>
internal static class ClerkMetadataMerge
{
    public static JsonObject Merge(JsonObject? existing, JsonObject patch)
    {
        JsonObject merged = existing == null ? new JsonObject() : existing.DeepClone().AsObject();
        foreach ((string key, JsonNode? value) in patch)
        {
            if (value == null)
            {
                merged.Remove(key);
            }
            else if (value is JsonObject patchObject && merged[key] is JsonObject existingObject)
            {
                merged[key] = Merge(existingObject, patchObject);
            }
            else
            {
                merged[key] = WithoutNulls(value);
            }
        }

        return merged;
    }

    /// <summary>A null nested in a new object removes nothing and is not stored either.</summary>
    private static JsonNode WithoutNulls(JsonNode value)
    {
        if (value is not JsonObject obj)
        {
            return value.DeepClone();
        }

        var clean = new JsonObject();
        foreach ((string key, JsonNode? child) in obj)
        {
            if (child != null)
            {
                clean[key] = WithoutNulls(child);
            }
        }

        return clean;
    }
}
