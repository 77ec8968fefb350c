using Xunit;

// Module tests share process-wide state (environment variables, the module's load context),
// so they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
