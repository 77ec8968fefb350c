using System.Collections.Concurrent;

namespace CognitoClerk.Emulators;

/// <summary>What a <see cref="FakeCognitoServer"/> saw, for assertions. Thread-safe.</summary>
public sealed class FakeCognitoCounters
{
    private readonly object _gate = new();
    private readonly List<FakeCognitoRequest> _requests = new();
    private readonly List<string?> _tokens = new();
    private readonly List<string?> _filters = new();
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private long _sequence;
    private long _usersServed;
    private int _pagesServed;
    private int _emptyPagesServed;
    private int _signatureViolations;

    /// <summary>Requests per X-Amz-Target operation, faults included.</summary>
    public int Calls(string operation) => _calls.TryGetValue(operation, out int count) ? count : 0;

    public IReadOnlyDictionary<string, int> CallsPerOperation => new Dictionary<string, int>(_calls);

    /// <summary>Every ListUsers request's PaginationToken in arrival order (null for a first page), faults included.</summary>
    public IReadOnlyList<string?> TokensSeen
    {
        get { lock (_gate) { return _tokens.ToList(); } }
    }

    /// <summary>Every ListUsers request's Filter in arrival order (null when absent).</summary>
    public IReadOnlyList<string?> FiltersSeen
    {
        get { lock (_gate) { return _filters.ToList(); } }
    }

    public IReadOnlyList<FakeCognitoRequest> Requests
    {
        get { lock (_gate) { return _requests.ToList(); } }
    }

    /// <summary>Successful ListUsers answers.</summary>
    public int PagesServed => Volatile.Read(ref _pagesServed);

    public int EmptyPagesServed => Volatile.Read(ref _emptyPagesServed);

    public long UsersServed => Interlocked.Read(ref _usersServed);

    /// <summary>Signed operations that arrived unsigned or badly signed, and InitiateAuth calls that arrived signed.</summary>
    public int SignatureViolations => Volatile.Read(ref _signatureViolations);

    public int Faults
    {
        get { lock (_gate) { return _requests.Count(r => r.Fault != null); } }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
            _tokens.Clear();
            _filters.Clear();
            _calls.Clear();
            _usersServed = 0;
            _pagesServed = 0;
            _emptyPagesServed = 0;
            _signatureViolations = 0;
        }
    }

    internal long NextSequence() => Interlocked.Increment(ref _sequence);

    internal void Record(FakeCognitoRequest request)
    {
        _calls.AddOrUpdate(request.Operation, 1, (_, n) => n + 1);
        lock (_gate)
        {
            // Bounded: a 100,000-user benchmark makes ~1,700 requests; a runaway client must not eat the machine.
            if (_requests.Count < 200_000)
            {
                _requests.Add(request);
            }
        }
    }

    internal void RecordListUsers(string? token, string? filter)
    {
        lock (_gate)
        {
            if (_tokens.Count < 200_000)
            {
                _tokens.Add(token);
                _filters.Add(filter);
            }
        }
    }

    internal void RecordPage(int users)
    {
        Interlocked.Increment(ref _pagesServed);
        if (users == 0)
        {
            Interlocked.Increment(ref _emptyPagesServed);
        }

        Interlocked.Add(ref _usersServed, users);
    }

    internal void RecordSignatureViolation() => Interlocked.Increment(ref _signatureViolations);
}
