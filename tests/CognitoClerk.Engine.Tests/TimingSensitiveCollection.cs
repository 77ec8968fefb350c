using Xunit;

namespace CognitoClerk.Engine.Tests;

/// <summary>
/// Tests whose assertions depend on when requests arrive (pacing against the emulator's sliding window).
/// xunit runs this collection on its own, after the parallel ones, so CPU-heavy tests (thousands of users
/// with injected faults) cannot starve the server and make an on-time request arrive late.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitiveCollection
{
    public const string Name = "Timing-sensitive";
}
