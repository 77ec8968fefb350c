namespace CognitoClerk.Emulators;

/// <summary>How <see cref="CognitoLocalServer"/> starts cognito-local.</summary>
public sealed class CognitoLocalOptions
{
    /// <summary>
    /// The contents of .cognito/config.json. The default empties UsernameAttributes, which cognito-local
    /// otherwise forces to ["email"] on every new pool, so pools behave like Cognito's (username mode).
    /// </summary>
    public string ConfigJson { get; set; } = "{\"UserPoolDefaults\":{\"UsernameAttributes\":[]}}";

    /// <summary>How long to wait for /health after starting the process (generous: a loaded 2-core box).</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Parallel requests when seeding.</summary>
    public int SeedParallelism { get; set; } = 8;
}
