using CognitoClerk.Engine.Migration;
using Xunit;

namespace CognitoClerk.Engine.Tests.Migration;

/// <summary>
/// Which maps are parameter errors (they cannot apply to anyone) and which are fine: the rule the help states.
/// </summary>
public sealed class MetadataAttributeMapTests
{
    [Theory]
    [InlineData("custom:tenant", "foo.bar", "not under public_metadata, private_metadata or unsafe_metadata")]
    [InlineData("custom:tenant", "public_metadata", "names the whole public_metadata")]
    [InlineData("custom:tenant", "public_metadata..tenant", "empty key")]
    [InlineData("custom:tenant", "", "the target is empty")]
    [InlineData("custom:tenant", "private_metadata.cognito.tenant", "the module's own record")]
    [InlineData("custom:tenant", "private_metadata.cognito", "the module's own record")]
    [InlineData("custom:", "public_metadata.x", "names no attribute")]
    [InlineData("custom tenant", "public_metadata.x", "not a Cognito attribute name")]
    [InlineData("custom:tenant", "public_metadata.cognito_groups", "same place")]
    [InlineData("custom:tenant", "public_metadata.cognito_groups.first", "same place")]
    public void A_map_that_cannot_apply_to_anyone_is_a_parameter_error_naming_the_problem(string source, string target, string expected)
    {
        var error = Assert.Throws<AttributeMapException>(() => MetadataAttributeMap.Parse(MetadataMappingTests.Pairs((source, target))));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(MigrationErrorIds.AttributeMapInvalid, error.ErrorId);
        Assert.Contains("public_metadata.<key>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_sources_in_one_place_or_one_inside_the_other_are_refused_together_with_every_other_problem()
    {
        var error = Assert.Throws<AttributeMapException>(() => MetadataAttributeMap.Parse(MetadataMappingTests.Pairs(
            ("custom:a", "public_metadata.app"),
            ("custom:b", "public_metadata.app.b"),
            ("custom:c", "foo.bar"))));

        Assert.Contains("'custom:a' (public_metadata.app) and 'custom:b' (public_metadata.app.b)", error.Message, StringComparison.Ordinal);
        Assert.Contains("'foo.bar'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Moving_the_groups_frees_their_default_place()
    {
        MetadataAttributeMap map = MetadataAttributeMap.Parse(MetadataMappingTests.Pairs(
            ("Groups", "private_metadata.roles"),
            ("custom:legacy_groups", "public_metadata.cognito_groups")));

        Assert.Equal("private_metadata.roles", map.GroupsTarget!.ToString());
        Assert.True(map.Moves("custom:legacy_groups"));
        Assert.Equal(2, map.Count);
    }

    [Fact]
    public void Roots_are_read_whatever_their_case_and_keys_keep_theirs()
    {
        MetadataAttributeMap map = MetadataAttributeMap.Parse(MetadataMappingTests.Pairs(("custom:tenant", " Public_Metadata.Tenant ")));

        Assert.Equal("public_metadata.Tenant", map.Attributes.Single().Value.ToString());
    }

    [Fact]
    public void No_map_is_the_empty_map()
    {
        Assert.Same(MetadataAttributeMap.Empty, MetadataAttributeMap.Parse(null));
        Assert.Equal(0, MetadataAttributeMap.Parse(Array.Empty<KeyValuePair<string, string?>>()).Count);
    }

    [Theory]
    [InlineData("custom:tenant", "tenant")]
    [InlineData("dev:custom:tenant", "dev:tenant")]
    [InlineData("locale", null)]
    [InlineData("custom:", null)]
    public void Custom_attributes_keep_their_name_without_custom_colon(string attribute, string? key)
    {
        Assert.Equal(key, MetadataAttributeMap.DefaultCustomAttributeKey(attribute));
    }
}
