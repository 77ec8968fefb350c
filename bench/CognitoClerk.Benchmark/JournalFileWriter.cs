using System.Globalization;
using System.Text;
using CognitoClerk.Emulators;

namespace CognitoClerk.Benchmark;

/// <summary>
/// Writes a journal as New-ClerkMigratedUser writes it after a finished migration: one "Created" line per
/// generated user of the fake pool (user000000, user000001, …, with the same subs as external_ids), so a
/// run over that pool finds every user in it. The lines have the shape and length of real ones: time, pool,
/// username, external_id, status and a Clerk user id of 27 base-62 characters.
/// </summary>
internal static class JournalFileWriter
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    internal static void Write(string path, string poolId, int records)
    {
        var random = new Random(12);
        var clerkId = new char[27];
        var start = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        for (int index = 0; index < records; index++)
        {
            for (int c = 0; c < clerkId.Length; c++)
            {
                clerkId[c] = Alphabet[random.Next(Alphabet.Length)];
            }

            string time = start.AddMilliseconds(index * 10.0).ToString("o", CultureInfo.InvariantCulture);
            string username = FakeCognitoUserSource.GeneratedUsername(index);
            string sub = FakeCognitoUserSource.DeterministicSub(index);
            writer.WriteLine($"{{\"time\":\"{time}\",\"pool\":\"{poolId}\",\"username\":\"{username}\",\"external_id\":\"{sub}\",\"status\":\"Created\",\"clerk_user_id\":\"user_{new string(clerkId)}\"}}");
        }
    }
}
