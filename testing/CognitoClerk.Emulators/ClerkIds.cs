using System.Security.Cryptography;

namespace CognitoClerk.Emulators;

/// <summary>Ids shaped like Clerk's: a prefix and 27 base-62 characters (user_2abc…).</summary>
internal static class ClerkIds
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New(string prefix) => prefix + RandomNumberGenerator.GetString(Alphabet, 27);

    /// <summary>A trace id as Clerk puts in clerk_trace_id: 32 hex characters.</summary>
    public static string TraceId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A Cloudflare ray id: 16 hex characters and a data-centre code.</summary>
    public static string CfRay() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + "-EMU";
}
