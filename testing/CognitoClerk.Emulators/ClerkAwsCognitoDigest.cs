using System.Text.RegularExpressions;

namespace CognitoClerk.Emulators;

/// <summary>awscognito#&lt;user pool id&gt;#&lt;client id&gt;#&lt;identifier&gt;, the digest Clerk's Cognito migrator takes.</summary>
internal sealed partial record ClerkAwsCognitoDigest(string UserPoolId, string ClientId, string Identifier)
{
    public const string Hasher = "awscognito";

    /// <summary>Cognito's own patterns for pool and client ids; the identifier is whatever Cognito takes as USERNAME, minus '#'.</summary>
    [GeneratedRegex(@"^awscognito#(?<pool>[\w-]+_[0-9a-zA-Z]+)#(?<client>[\w+]+)#(?<identifier>[^#]+)$")]
    private static partial Regex Format();

    public static ClerkAwsCognitoDigest? TryParse(string digest)
    {
        Match match = Format().Match(digest);
        return match.Success
            ? new ClerkAwsCognitoDigest(match.Groups["pool"].Value, match.Groups["client"].Value, match.Groups["identifier"].Value)
            : null;
    }
}
