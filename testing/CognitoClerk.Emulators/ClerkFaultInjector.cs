namespace CognitoClerk.Emulators;

/// <summary>
/// Decides which request gets which fault: first the scripted ones (<see cref="ClerkEmulator.EnqueueFault"/>),
/// then a seeded draw, in arrival order, so the same seed gives the same faults for the same traffic.
/// </summary>
internal sealed class ClerkFaultInjector
{
    private static readonly ClerkFaultKind[] Kinds = Enum.GetValues<ClerkFaultKind>()
        .Where(k => k != ClerkFaultKind.None && System.Numerics.BitOperations.PopCount((uint)k) == 1)
        .ToArray();

    private readonly object _lock = new();
    private readonly Random _random;
    private readonly double _rate;
    private readonly ClerkFaultKind _enabled;
    private readonly List<ClerkFaultKind> _scripted = new();
    private readonly Dictionary<ClerkFaultKind, long> _injected = Kinds.ToDictionary(k => k, _ => 0L);

    public ClerkFaultInjector(ClerkEmulatorOptions options)
    {
        if (options.FaultRate is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "FaultRate is a fraction between 0 and 1.");
        }

        _random = new Random(options.FaultSeed);
        _rate = options.FaultRate;
        _enabled = options.FaultKinds;
    }

    public void Enqueue(ClerkFaultKind kind, int count)
    {
        if (!Kinds.Contains(kind))
        {
            throw new ArgumentException("Enqueue one fault kind at a time.", nameof(kind));
        }

        lock (_lock)
        {
            for (int i = 0; i < count; i++)
            {
                _scripted.Add(kind);
            }
        }
    }

    /// <summary>The fault planned for this request (not yet counted: see <see cref="Count"/>).</summary>
    public ClerkFaultKind Next(bool isCreate)
    {
        lock (_lock)
        {
            // A scripted "after store" fault waits for the next create; the others take the next request.
            int index = _scripted.FindIndex(k => isCreate || (k & ClerkFaultKind.AfterStore) == 0);
            if (index >= 0)
            {
                ClerkFaultKind scripted = _scripted[index];
                _scripted.RemoveAt(index);
                return scripted;
            }

            if (_rate <= 0)
            {
                return ClerkFaultKind.None;
            }

            // Always two draws per request, so one request's kind never shifts the next request's luck.
            double roll = _random.NextDouble();
            double pick = _random.NextDouble();
            if (roll >= _rate)
            {
                return ClerkFaultKind.None;
            }

            ClerkFaultKind[] applicable = Kinds
                .Where(k => (_enabled & k) != 0 && (isCreate || (k & ClerkFaultKind.AfterStore) == 0))
                .ToArray();
            return applicable.Length == 0 ? ClerkFaultKind.None : applicable[(int)(pick * applicable.Length)];
        }
    }

    /// <summary>Counts a fault that was really applied (an after-store fault on a create that failed validation is not).</summary>
    public void Count(ClerkFaultKind kind)
    {
        lock (_lock)
        {
            _injected[kind]++;
        }
    }

    public IReadOnlyDictionary<ClerkFaultKind, long> Snapshot()
    {
        lock (_lock)
        {
            return new Dictionary<ClerkFaultKind, long>(_injected);
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            foreach (ClerkFaultKind kind in Kinds)
            {
                _injected[kind] = 0;
            }
        }
    }
}
