namespace CognitoClerk.Emulators;

/// <summary>CreateUserPool settings that change how users sign in.</summary>
public sealed class CognitoLocalPoolOptions
{
    /// <summary>email and/or phone_number: users sign in with those and their Username becomes the sub.</summary>
    public IReadOnlyList<string>? UsernameAttributes { get; set; }

    /// <summary>email, phone_number and/or preferred_username as sign-in aliases.</summary>
    public IReadOnlyList<string>? AliasAttributes { get; set; }

    /// <summary>Stored and reported by DescribeUserPool (cognito-local itself always compares case-sensitively).</summary>
    public bool? CaseSensitive { get; set; }

    /// <summary>OFF, ON or OPTIONAL.</summary>
    public string? MfaConfiguration { get; set; }
}
