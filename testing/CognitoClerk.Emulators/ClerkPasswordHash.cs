using System.Security.Cryptography;
using System.Text;

namespace CognitoClerk.Emulators;

/// <summary>
/// The emulator's stand-in for the bcrypt hash Clerk stores once it has verified a migrated password:
/// PBKDF2-SHA256 from the BCL (a real bcrypt library is not needed to prove the behaviour: after the
/// first sign-in the password is checked locally, without Cognito).
/// </summary>
internal static class ClerkPasswordHash
{
    private const string Prefix = "pbkdf2_sha256";

    public static string Hash(string password, int iterations)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(16);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        return $"{Prefix}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string password, string stored)
    {
        string[] parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Prefix || !int.TryParse(parts[1], out int iterations))
        {
            return false;
        }

        byte[] salt = Convert.FromBase64String(parts[2]);
        byte[] expected = Convert.FromBase64String(parts[3]);
        byte[] actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
