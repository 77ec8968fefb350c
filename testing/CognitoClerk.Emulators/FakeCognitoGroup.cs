namespace CognitoClerk.Emulators;

/// <summary>
/// A group of a <see cref="FakeCognitoPool"/>: what ListGroups says about it, and its members as positions in the
/// pool's user source (so a generated pool of 100,000 users can have groups without holding them).
/// </summary>
public sealed class FakeCognitoGroup
{
    public FakeCognitoGroup(string name, int? precedence, IReadOnlyList<int> memberIndices)
    {
        Name = name;
        Precedence = precedence;
        MemberIndices = memberIndices;
    }

    public string Name { get; }

    /// <summary>Null: the group has none (ListGroups then leaves Precedence out).</summary>
    public int? Precedence { get; }

    public string? Description { get; set; }

    /// <summary>Positions in the pool's users, in the order ListUsersInGroup returns them.</summary>
    public IReadOnlyList<int> MemberIndices { get; }

    /// <summary>Every <paramref name="every"/>-th user from <paramref name="first"/> on, of <paramref name="userCount"/>: computed, not stored.</summary>
    public static FakeCognitoGroup Strided(string name, int? precedence, int userCount, int every, int first = 0) =>
        new(name, precedence, new StridedIndices(userCount, every, first));

    private sealed class StridedIndices(int userCount, int every, int first) : IReadOnlyList<int>
    {
        public int Count => first >= userCount ? 0 : ((userCount - 1 - first) / every) + 1;

        public int this[int index] => index >= 0 && index < Count ? first + (index * every) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<int> GetEnumerator()
        {
            for (int i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
