namespace CognitoClerk.Benchmark;

/// <summary>Filled in when the Clerk emulator is available.</summary>
internal static class ThroughputBenchmark
{
    internal static Task RunAllAsync(int seconds) => Task.CompletedTask;
}
