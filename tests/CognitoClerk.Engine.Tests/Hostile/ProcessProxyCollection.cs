using Xunit;

namespace CognitoClerk.Engine.Tests.Hostile;

/// <summary>
/// Tests that set the process-wide default proxy (what HTTP_PROXY and ALL_PROXY become), so they run on their own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessProxyCollection
{
    public const string Name = "Process-wide proxy";
}
