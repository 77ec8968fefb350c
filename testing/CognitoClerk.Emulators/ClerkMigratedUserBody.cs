using System.Text.Json.Nodes;

namespace CognitoClerk.Emulators;

/// <summary>
/// The CreateUser body New-ClerkMigratedUser sends for a Cognito user of the fake: what a Clerk instance holds after
/// a migration, for seeding the emulator directly (no HTTP) when a test or benchmark needs a migrated pool.
/// </summary>
public static class ClerkMigratedUserBody
{
    public static string For(FakeCognitoUser user, string userPoolId, string clientId) => new JsonObject
    {
        ["external_id"] = user.GetAttribute("sub"),
        ["first_name"] = user.GetAttribute("given_name"),
        ["last_name"] = user.GetAttribute("family_name"),
        ["email_address"] = new JsonArray(user.GetAttribute("email")),
        ["password_hasher"] = "awscognito",
        ["password_digest"] = $"awscognito#{userPoolId}#{clientId}#{user.Username}",
        ["private_metadata"] = new JsonObject { ["cognito"] = new JsonObject { ["username"] = user.Username, ["user_pool_id"] = userPoolId } },
    }.ToJsonString();
}
