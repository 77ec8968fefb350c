using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace CognitoClerk.Emulators;

/// <summary>
/// GET /v1/users and /v1/users/count filters: external_id, user_id (with Clerk's +include / -exclude
/// prefixes), email_address, phone_number, username. Values of one filter are alternatives; several
/// filters must all hold.
/// </summary>
internal static class ClerkUserQuery
{
    public static Func<ClerkStoredUser, bool> Filter(IQueryCollection query)
    {
        var tests = new List<Func<ClerkStoredUser, bool>>();
        AddPrefixed(tests, query, "external_id", u => u.ExternalId);
        AddPrefixed(tests, query, "user_id", u => u.Id);
        AddPlain(tests, query, "email_address", u => u.Emails.Select(e => e.Value), StringComparer.OrdinalIgnoreCase);
        AddPlain(tests, query, "phone_number", u => u.Phones.Select(p => p.Value), StringComparer.Ordinal);
        AddPlain(tests, query, "username", u => u.Username == null ? [] : [u.Username], StringComparer.OrdinalIgnoreCase);
        return user => tests.TrueForAll(test => test(user));
    }

    /// <summary>
    /// The external_id values when the query filters by included external_ids and by nothing else that narrows
    /// the users (the lookup shape), so the store can answer from its index; otherwise null.
    /// </summary>
    public static IReadOnlyList<string>? ExternalIdIncludes(IQueryCollection query)
    {
        if (!query.TryGetValue("external_id", out var values)
            || query.Keys.Any(k => k is "user_id" or "email_address" or "phone_number" or "username"))
        {
            return null;
        }

        var ids = new List<string>();
        foreach (string value in values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!))
        {
            if (value[0] == '-')
            {
                return null;
            }

            ids.Add(value[0] == '+' ? value[1..] : value);
        }

        return ids;
    }

    public static int Integer(IQueryCollection query, string name, int fallback, int min, int max)
    {
        string? text = query[name].FirstOrDefault();
        if (text == null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
        {
            throw new ClerkEmulatorError(400, "malformed_request_parameters", "malformed request parameters", $"{name} must be an integer.", name);
        }

        if (value < min || value > max)
        {
            throw ClerkEmulatorError.InvalidValue(name, $"{value} is outside {min}..{max}");
        }

        return value;
    }

    /// <summary>
    /// "+x" or "x" includes x, "-x" excludes it. A '+' that was not URL-encoded arrives as a space and
    /// so matches nothing, exactly the trap a client must avoid.
    /// </summary>
    private static void AddPrefixed(List<Func<ClerkStoredUser, bool>> tests, IQueryCollection query, string name, Func<ClerkStoredUser, string?> field)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return;
        }

        var include = new HashSet<string>(StringComparer.Ordinal);
        var exclude = new HashSet<string>(StringComparer.Ordinal);
        foreach (string value in values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!))
        {
            switch (value[0])
            {
                case '+':
                    include.Add(value[1..]);
                    break;
                case '-':
                    exclude.Add(value[1..]);
                    break;
                default:
                    include.Add(value);
                    break;
            }
        }

        tests.Add(user =>
        {
            string? actual = field(user);
            return (include.Count == 0 || (actual != null && include.Contains(actual))) && (actual == null || !exclude.Contains(actual));
        });
    }

    private static void AddPlain(List<Func<ClerkStoredUser, bool>> tests, IQueryCollection query, string name, Func<ClerkStoredUser, IEnumerable<string>> field, StringComparer comparer)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return;
        }

        var wanted = new HashSet<string>(values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!), comparer);
        tests.Add(user => field(user).Any(wanted.Contains));
    }
}
