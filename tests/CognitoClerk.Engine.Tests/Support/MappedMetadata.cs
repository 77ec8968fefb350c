using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoClerk.Engine.Migration;
using Xunit;

namespace CognitoClerk.Engine.Tests.Support;

/// <summary>
/// A payload's private metadata as JSON without the import record (private_metadata.cognito.imported), for tests
/// about where the mapping puts values; the record itself is pinned by the mapper's exact-payload test.
/// </summary>
internal static class MappedMetadata
{
    public static string PrivateWithoutImportRecord(IDictionary<string, object?>? privateMetadata)
    {
        JsonObject? metadata = MetadataLeaves.ToJson(privateMetadata);
        Assert.NotNull(metadata?[ImportRecord.CognitoKey]?[ImportRecord.RecordKey]);
        metadata![ImportRecord.CognitoKey]!.AsObject().Remove(ImportRecord.RecordKey);
        return metadata.ToJsonString();
    }
}
