namespace CognitoClerk.Emulators;

/// <summary>One user of a <see cref="FakeCognitoServer"/> pool, with the password InitiateAuth checks.</summary>
public sealed class FakeCognitoUser
{
    public FakeCognitoUser(string username)
    {
        Username = username;
    }

    public string Username { get; }

    /// <summary>Name/value pairs in the order ListUsers returns them; a null value is sent without "Value".</summary>
    public List<KeyValuePair<string, string?>> Attributes { get; } = new();

    public string UserStatus { get; set; } = "CONFIRMED";

    public bool Enabled { get; set; } = true;

    public DateTimeOffset UserCreateDate { get; set; } = DateTimeOffset.FromUnixTimeMilliseconds(1_682_955_829_578);

    public DateTimeOffset UserLastModifiedDate { get; set; } = DateTimeOffset.FromUnixTimeMilliseconds(1_689_030_181_630);

    /// <summary>What InitiateAuth accepts; null means no password sign-in (federated users).</summary>
    public string? Password { get; set; }

    public FakeCognitoUser With(string name, string? value)
    {
        Attributes.Add(new KeyValuePair<string, string?>(name, value));
        return this;
    }

    public string? GetAttribute(string name) =>
        Attributes.FirstOrDefault(a => string.Equals(a.Key, name, StringComparison.Ordinal)).Value;
}
