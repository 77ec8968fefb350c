using System.Globalization;
using System.Management.Automation;
using System.Text.Json;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// The hosted engine has no ConvertFrom-Json (it lives in Microsoft.PowerShell.Utility, which is not on
/// the feed). This builds the same objects PowerShell 7's ConvertFrom-Json builds: PSCustomObjects,
/// object[] arrays, Int64 for integers, Double for fractions, and DateTime for ISO 8601 strings (Utc
/// for 'Z', Local for an offset, Unspecified for none), so the module sees what an admin's shell gives it.
/// </summary>
public static class ConvertFromJsonStandIn
{
    public static object? Convert(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ToPowerShell(document.RootElement);
    }

    private static object? ToPowerShell(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new PSObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj.Properties.Add(new PSNoteProperty(property.Name, ToPowerShell(property.Value)));
                }

                return obj;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(ToPowerShell).ToArray();
            case JsonValueKind.String:
                return ToStringOrDate(element.GetString()!);
            case JsonValueKind.Number:
                return element.TryGetInt64(out long whole) ? whole : element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    private static object ToStringOrDate(string text)
    {
        if (text.Length >= 19 && char.IsDigit(text[0]) && text[4] == '-' && text[10] == 'T'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            if (text.EndsWith('Z'))
            {
                return parsed.UtcDateTime;
            }

            bool hasOffset = text.Length > 19 && (text.LastIndexOf('+') > 10 || text.LastIndexOf('-') > 10);
            return hasOffset ? parsed.LocalDateTime : DateTime.SpecifyKind(parsed.DateTime, DateTimeKind.Unspecified);
        }

        return text;
    }
}
