using CognitoClerk.Emulators;
using CognitoClerk.Engine.Clerk;

namespace CognitoClerk.Engine.Tests.Support;

/// <summary>Client settings aimed at an emulator, with short backoffs so retry tests stay quick.</summary>
internal static class ClerkTestSettings
{
    /// <summary>A pace far above anything a test sends, for tests that are not about pacing.</summary>
    public const int Unpaced = 1_000_000;

    public static ClerkConnectionSettings For(ClerkEmulator emulator, int? requestsPer10Seconds = Unpaced, Action<ClerkConnectionSettings>? configure = null)
    {
        var settings = new ClerkConnectionSettings(new ClerkSecretKey(emulator.Options.SecretKey), emulator.BaseUrl)
        {
            RequestsPer10Seconds = requestsPer10Seconds,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RetryMaxDelay = TimeSpan.FromMilliseconds(100),
        };
        configure?.Invoke(settings);
        return settings;
    }

    public static ClerkBackendApi Client(ClerkEmulator emulator, int? requestsPer10Seconds = Unpaced, Action<ClerkConnectionSettings>? configure = null) =>
        ClerkBackendApi.Create(For(emulator, requestsPer10Seconds, configure));

    public static ClerkCreateUserRequest User(string externalId, string? email = null, string? phone = null) => new()
    {
        ExternalId = externalId,
        EmailAddress = email == null ? null : new List<string> { email },
        PhoneNumber = phone == null ? null : new List<string> { phone },
    };
}
