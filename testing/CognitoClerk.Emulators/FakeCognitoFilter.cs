using System.Text.RegularExpressions;

namespace CognitoClerk.Emulators;

/// <summary>
/// The ListUsers filter grammar: <c>attribute = "value"</c> (exact) or <c>attribute ^= "value"</c> (prefix),
/// the attribute name optionally quoted, one attribute only, among the searchable ones.
/// </summary>
internal sealed partial class FakeCognitoFilter
{
    private static readonly HashSet<string> Searchable = new(StringComparer.Ordinal)
    {
        "username", "email", "phone_number", "name", "given_name", "family_name", "preferred_username",
        "cognito:user_status", "status", "sub",
    };

    private FakeCognitoFilter(string attribute, bool prefix, string value)
    {
        Attribute = attribute;
        Prefix = prefix;
        Value = value;
    }

    public string Attribute { get; }

    public bool Prefix { get; }

    public string Value { get; }

    /// <summary>Null with <paramref name="error"/> set when Cognito would reject the filter.</summary>
    public static FakeCognitoFilter? Parse(string filter, out string? error)
    {
        Match match = Grammar().Match(filter);
        if (!match.Success)
        {
            error = "Error while parsing filter.";
            return null;
        }

        string attribute = match.Groups["attr"].Value;
        if (!Searchable.Contains(attribute))
        {
            error = "Invalid search attribute: " + attribute;
            return null;
        }

        error = null;
        string value = match.Groups["value"].Value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        return new FakeCognitoFilter(attribute, match.Groups["op"].Value == "^=", value);
    }

    public bool Matches(FakeCognitoUser user)
    {
        string? actual = Attribute switch
        {
            "username" => user.Username,
            "cognito:user_status" => user.UserStatus,
            "status" => user.Enabled ? "Enabled" : "Disabled",
            _ => user.GetAttribute(Attribute),
        };

        if (actual == null)
        {
            return false;
        }

        StringComparison comparison = Attribute == "cognito:user_status" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return Prefix ? actual.StartsWith(Value, comparison) : string.Equals(actual, Value, comparison);
    }

    [GeneratedRegex("^\\s*\"?(?<attr>[\\w:]+)\"?\\s*(?<op>\\^=|=)\\s*\"(?<value>(?:[^\"\\\\]|\\\\.)*)\"\\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
