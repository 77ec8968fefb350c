using System.Security.Cryptography;

namespace CognitoClerk.Emulators;

/// <summary>
/// A varied Cognito user pool for the end-to-end test and the sandbox: mostly CONFIRMED users, and every kind
/// a migration must refuse (each non-CONFIRMED status, disabled users, a username with the digest's '#'),
/// unverified emails, E.164 phones, non-ASCII names and usernames, custom attributes, and users of another
/// email domain that the README's Where-Object leaves out. Every user gets a fresh random password per run,
/// so a leaked password can be searched for and none is ever written down in the repository.
/// </summary>
public static class SampleMigrationPool
{
    public const string EmailAttribute = "email";

    /// <summary>The migrated users' domain, the one the README's Where-Object keeps.</summary>
    public const string MigratedDomain = "example.com";

    /// <summary>Users the admin's filter leaves out.</summary>
    public const string OtherDomain = "partner.example";

    /// <summary>The README's filter, as the pipeline's Where-Object script block.</summary>
    public const string WhereObjectFilter = "$_.Email -like '*@" + MigratedDomain + "'";

    /// <summary>Below this the pool cannot hold one user of every kind plus migrated ones.</summary>
    public const int MinimumCount = 20;

    private static readonly (string Given, string Family, string Ascii)[] Names =
    {
        ("Zoë", "Ørsted", "zoe.orsted"),
        ("李", "小龙", "li.xiaolong"),
        ("José", "Núñez", "jose.nunez"),
        ("Ann", "Lee", "ann.lee"),
        ("Søren", "Ågård", "soren.agard"),
        ("Łukasz", "Wiśniewski", "lukasz.wisniewski"),
        ("Anaïs", "Lefèvre", "anais.lefevre"),
        ("Иван", "Петров", "ivan.petrov"),
        ("Ngozi", "Okonkwo", "ngozi.okonkwo"),
        ("Mário", "Gonçalves", "mario.goncalves"),
        ("Aiko", "田中", "aiko.tanaka"),
        ("Chloé", "O'Brien", "chloe.obrien"),
    };

    private static readonly string[] Tenants = { "acme", "globex", "initech", "umbrella" };

    /// <summary>The kinds a migration must refuse, their share of the pool, and the ErrorId each must be reported with.</summary>
    private static readonly (Kind Kind, double Share)[] Shares =
    {
        (Kind.Disabled, 0.04),
        (Kind.Unconfirmed, 0.03),
        (Kind.ForceChangePassword, 0.03),
        (Kind.ResetRequired, 0.03),
        (Kind.ExternalProvider, 0.03),
        (Kind.Archived, 0.03),
        (Kind.Compromised, 0.03),
        (Kind.HashInUsername, 0.015),
        (Kind.OtherDomain, 0.03),
    };

    private enum Kind
    {
        Confirmed,
        Disabled,
        Unconfirmed,
        ForceChangePassword,
        ResetRequired,
        ExternalProvider,
        Archived,
        Compromised,
        HashInUsername,
        OtherDomain,
    }

    /// <summary>
    /// <paramref name="count"/> users in a shuffled (but, for a given <paramref name="layoutSeed"/>, repeatable) order;
    /// only the passwords differ between calls.
    /// </summary>
    public static IReadOnlyList<SampleMigrationUser> Create(int count, int layoutSeed = 2026)
    {
        if (count < MinimumCount)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"A sample pool needs at least {MinimumCount} users.");
        }

        var kinds = new List<Kind>(count);
        foreach ((Kind kind, double share) in Shares)
        {
            kinds.AddRange(Enumerable.Repeat(kind, Math.Max(1, (int)Math.Ceiling(count * share))));
        }

        kinds.AddRange(Enumerable.Repeat(Kind.Confirmed, count - kinds.Count));

        // Mixed through the pool, so every page Cognito returns holds a bit of everything.
        var random = new Random(layoutSeed);
        Kind[] order = kinds.ToArray();
        random.Shuffle(order);

        var users = new List<SampleMigrationUser>(count);
        var firstOfKind = new HashSet<Kind>();
        for (int i = 0; i < order.Length; i++)
        {
            users.Add(Build(i + 1, order[i], firstOfKind.Add(order[i])));
        }

        return users;
    }

    private static SampleMigrationUser Build(int number, Kind kind, bool firstOfKind)
    {
        (string given, string family, string ascii) = Names[number % Names.Length];

        // Cognito usernames may hold any Unicode letter; every eighth one does, to carry it through the digest.
        string username = number % 8 == 0
            ? $"{given.ToLowerInvariant()}.{family.ToLowerInvariant()}.{number:D3}"
            : $"{ascii}.{number:D3}";
        string domain = MigratedDomain;
        string status = "CONFIRMED";
        bool enabled = true;
        string? errorId = null;
        var expectation = SampleMigrationExpectation.Migrated;

        switch (kind)
        {
            case Kind.Disabled:
                enabled = false;

                // Disabled wins over any status: the first one is also FORCE_CHANGE_PASSWORD.
                status = firstOfKind ? "FORCE_CHANGE_PASSWORD" : "CONFIRMED";
                errorId = "CognitoUserDisabled";
                break;
            case Kind.Unconfirmed:
                status = "UNCONFIRMED";
                errorId = "CognitoUserUnconfirmed";
                break;
            case Kind.ForceChangePassword:
                status = "FORCE_CHANGE_PASSWORD";
                errorId = "CognitoUserForceChangePassword";
                break;
            case Kind.ResetRequired:
                status = "RESET_REQUIRED";
                errorId = "CognitoUserResetRequired";
                break;
            case Kind.ExternalProvider:
                status = "EXTERNAL_PROVIDER";
                errorId = "CognitoUserExternalProvider";

                // How Cognito names federated users: <provider>_<the provider's user id>.
                username = $"Google_{104_000_000_000L + number}";
                break;
            case Kind.Archived:
                status = "ARCHIVED";
                errorId = "CognitoUserArchived";
                break;
            case Kind.Compromised:
                status = "COMPROMISED";
                errorId = "CognitoUserCompromised";
                break;
            case Kind.HashInUsername:
                // '#' is legal in a Cognito username and is the digest's separator.
                username = $"ops#{ascii}.{number:D3}";
                errorId = "IdentifierContainsHash";
                break;
            case Kind.OtherDomain:
                domain = OtherDomain;

                // Filtered out before conversion, so even a user who could not be migrated is not reported.
                status = firstOfKind ? "UNCONFIRMED" : "CONFIRMED";
                errorId = firstOfKind ? "CognitoUserUnconfirmed" : null;
                break;
        }

        if (kind == Kind.OtherDomain)
        {
            expectation = SampleMigrationExpectation.FilteredOut;
        }
        else if (errorId != null)
        {
            expectation = SampleMigrationExpectation.Skipped;
        }

        var seed = new CognitoLocalSeedUser(username, NewPassword(number))
        {
            UserStatus = status,
            Enabled = enabled,
        }
        .With(EmailAttribute, $"{ascii}.{number:D3}@{domain}")
        .With("email_verified", number % 5 == 0 ? "false" : "true")
        .With("given_name", given)
        .With("family_name", family)
        .With("custom:tenant", Tenants[number % Tenants.Length]);
        if (number % 3 == 0)
        {
            seed.With("phone_number", $"+15550{number:D6}").With("phone_number_verified", number % 2 == 0 ? "true" : "false");
        }

        return new SampleMigrationUser(seed, expectation, errorId);
    }

    /// <summary>Meets Cognito's default policy (upper, lower, digit, symbol, 8+); every seventh has non-ASCII letters too.</summary>
    internal static string NewPassword(int number)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        Span<char> random = stackalloc char[14];
        for (int i = 0; i < random.Length; i++)
        {
            random[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return "Pw" + new string(random) + (number % 7 == 0 ? "-ßüé7" : "-9x!");
    }
}
