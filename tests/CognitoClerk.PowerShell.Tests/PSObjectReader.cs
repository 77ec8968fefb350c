using System.Collections;
using System.Management.Automation;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// Reads Get-Help's objects, which are PSObjects with note properties whose values are sometimes one
/// object and sometimes an array (one example vs. several), the same shape script sees.
/// </summary>
internal static class PSObjectReader
{
    public static object? Property(object? target, string name)
    {
        if (target is not PSObject ps)
        {
            return null;
        }

        return ps.Properties[name]?.Value;
    }

    public static string String(object? target, string name) => Property(target, name)?.ToString()?.Trim() ?? string.Empty;

    /// <summary>A property that may hold one item or an array, as a list.</summary>
    public static List<object> Items(object? target, string name) => Enumerate(Property(target, name)).ToList();

    /// <summary>MAML text: an array of objects with a Text property (paragraphs), joined.</summary>
    public static string Text(object? target, string name) =>
        string.Join("\n", Enumerate(Property(target, name)).Select(p => String(p, "Text")).Where(t => t.Length > 0));

    private static IEnumerable<object> Enumerate(object? value)
    {
        object? raw = value is PSObject ps ? ps.BaseObject : value;
        if (raw is IEnumerable list and not string and not IDictionary)
        {
            foreach (object? item in list)
            {
                if (item != null)
                {
                    yield return item;
                }
            }
        }
        else if (value != null)
        {
            yield return value;
        }
    }
}
