namespace CognitoClerk.Emulators;

/// <summary>
/// The users of a fake pool, addressed by position so ListUsers can page without holding the pool:
/// a list for hand-made pools, a generator for large ones (100,000 users cost no memory until served).
/// </summary>
public abstract class FakeCognitoUserSource
{
    public abstract int Count { get; }

    public abstract FakeCognitoUser Get(int index);

    /// <summary>For InitiateAuth. Generated sources may override with an O(1) lookup.</summary>
    public virtual FakeCognitoUser? Find(string username)
    {
        for (int i = 0; i < Count; i++)
        {
            FakeCognitoUser user = Get(i);
            if (string.Equals(user.Username, username, StringComparison.Ordinal))
            {
                return user;
            }
        }

        return null;
    }

    public static FakeCognitoUserSource FromList(IEnumerable<FakeCognitoUser> users) => new ListSource(users.ToList());

    /// <summary>
    /// <paramref name="count"/> users made on demand by <paramref name="generate"/> (default: <see cref="GeneratedUser"/>).
    /// The same index always yields an equal user, so a retried page is identical.
    /// </summary>
    public static FakeCognitoUserSource Generated(int count, Func<int, FakeCognitoUser>? generate = null, Func<string, int?>? indexOf = null) =>
        new GeneratedSource(count, generate ?? GeneratedUser, generate == null ? indexOf ?? GeneratedIndexOf : indexOf);

    /// <summary>The username of the generated user at <paramref name="index"/>: user000042.</summary>
    public static string GeneratedUsername(int index) => "user" + index.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>user000042, CONFIRMED, enabled, with sub, email (verified), names and a password of Passw0rd!000042.</summary>
    public static FakeCognitoUser GeneratedUser(int index)
    {
        string number = index.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var created = DateTimeOffset.FromUnixTimeMilliseconds(1_600_000_000_000 + (long)index * 1_001);
        return new FakeCognitoUser(GeneratedUsername(index))
        {
            UserCreateDate = created,
            UserLastModifiedDate = created.AddDays(1),
            Password = "Passw0rd!" + number,
        }
        .With("sub", DeterministicSub(index))
        .With("email", $"user{number}@example.com")
        .With("email_verified", "true")
        .With("given_name", "Given" + number)
        .With("family_name", "Family" + number);
    }

    /// <summary>A stable UUID-shaped sub for a generated index.</summary>
    public static string DeterministicSub(int index) =>
        new Guid(index, 0x4c1e, 0x4a2b, 0x9c, 0x3d, 0x5e, 0x6f, 0x70, 0x81, 0x92, 0xa3).ToString();

    private static int? GeneratedIndexOf(string username) =>
        username.Length == 10 && username.StartsWith("user", StringComparison.Ordinal)
        && int.TryParse(username.AsSpan(4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index)
            ? index
            : null;

    private sealed class ListSource : FakeCognitoUserSource
    {
        private readonly List<FakeCognitoUser> _users;

        internal ListSource(List<FakeCognitoUser> users) => _users = users;

        public override int Count => _users.Count;

        public override FakeCognitoUser Get(int index) => _users[index];
    }

    private sealed class GeneratedSource : FakeCognitoUserSource
    {
        private readonly int _count;
        private readonly Func<int, FakeCognitoUser> _generate;
        private readonly Func<string, int?>? _indexOf;

        internal GeneratedSource(int count, Func<int, FakeCognitoUser> generate, Func<string, int?>? indexOf)
        {
            _count = count;
            _generate = generate;
            _indexOf = indexOf;
        }

        public override int Count => _count;

        public override FakeCognitoUser Get(int index) => _generate(index);

        public override FakeCognitoUser? Find(string username)
        {
            if (_indexOf == null)
            {
                return base.Find(username);
            }

            int? index = _indexOf(username);
            if (index is not { } i || i < 0 || i >= _count)
            {
                return null;
            }

            FakeCognitoUser user = _generate(i);
            return string.Equals(user.Username, username, StringComparison.Ordinal) ? user : null;
        }
    }
}
