namespace CognitoClerk.Emulators;

/// <summary>
/// A user to seed into cognito-local with <see cref="CognitoLocalServer.SeedAsync"/>: any UserStatus, including
/// those cognito-local's API cannot reach (RESET_REQUIRED, EXTERNAL_PROVIDER, ARCHIVED, COMPROMISED, UNKNOWN).
/// </summary>
public sealed class CognitoLocalSeedUser
{
    public CognitoLocalSeedUser(string username, string password)
    {
        Username = username;
        Password = password;
    }

    /// <summary>In a pool with UsernameAttributes this must be the email or phone; the stored username becomes the sub.</summary>
    public string Username { get; }

    /// <summary>The permanent password (or the temporary one for FORCE_CHANGE_PASSWORD).</summary>
    public string Password { get; }

    public string UserStatus { get; set; } = "CONFIRMED";

    public bool Enabled { get; set; } = true;

    /// <summary>Attributes other than sub, which cognito-local assigns.</summary>
    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>Groups to add the user to (they must exist: <see cref="CognitoLocalServer.CreateGroupAsync"/>).</summary>
    public List<string> Groups { get; } = new();

    public CognitoLocalSeedUser With(string name, string value)
    {
        Attributes[name] = value;
        return this;
    }

    public CognitoLocalSeedUser InGroup(string groupName)
    {
        Groups.Add(groupName);
        return this;
    }
}
