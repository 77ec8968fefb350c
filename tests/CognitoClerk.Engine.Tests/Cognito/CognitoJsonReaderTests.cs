using System.Text.Json;
using CognitoClerk.Engine.Cognito;
using Xunit;

namespace CognitoClerk.Engine.Tests.Cognito;

public class CognitoJsonReaderTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Theory]
    [InlineData("1682955829.578", 1682955829578)]
    [InlineData("1.682955829578E9", 1682955829578)]
    [InlineData("1.682955829578e+9", 1682955829578)]
    [InlineData("1795485724", 1795485724000)]
    [InlineData("\"1682955829.578\"", 1682955829578)]
    public void Timestamps_are_epoch_seconds_kept_to_the_millisecond_in_UTC(string raw, long expectedMilliseconds)
    {
        DateTimeOffset? value = CognitoJsonReader.ReadTimestamp(Json("{\"T\":" + raw + "}"), "T");

        Assert.Equal(expectedMilliseconds, value!.Value.ToUnixTimeMilliseconds());
        Assert.Equal(TimeSpan.Zero, value.Value.Offset);
    }

    [Fact]
    public void A_missing_or_null_timestamp_is_null()
    {
        Assert.Null(CognitoJsonReader.ReadTimestamp(Json("{}"), "T"));
        Assert.Null(CognitoJsonReader.ReadTimestamp(Json("{\"T\":null}"), "T"));
    }

    [Fact]
    public void A_user_keeps_every_attribute_in_order_and_an_absent_value_is_null()
    {
        CognitoUser user = CognitoJsonReader.ReadUser(Json("""
            {"Username":"ann","Attributes":[{"Name":"sub","Value":"s-1"},{"Name":"custom:tier","Value":"gold"},{"Name":"email_verified"}],
             "UserCreateDate":1.682955829578E9,"UserLastModifiedDate":1689030181.63,"Enabled":false,"UserStatus":"RESET_REQUIRED",
             "MFAOptions":[{"DeliveryMedium":"SMS","AttributeName":"phone_number"}]}
            """), "us-east-1_P");

        Assert.Equal("ann", user.Username);
        Assert.Equal(new[] { "sub", "custom:tier", "email_verified" }, user.Attributes.Select(a => a.Key));
        Assert.Equal("gold", user.GetAttribute("custom:tier"));
        Assert.Null(user.GetAttribute("email_verified"));
        Assert.False(user.Enabled);
        Assert.Equal("RESET_REQUIRED", user.UserStatus);
        Assert.Equal(1689030181630, user.UserLastModifiedDate!.Value.ToUnixTimeMilliseconds());
        Assert.Equal("us-east-1_P", user.UserPoolId);
    }

    [Fact]
    public void A_page_without_a_token_is_the_last_and_an_empty_token_counts_as_none()
    {
        Assert.Null(CognitoJsonReader.ReadUserPage(Json("{\"Users\":[]}"), "p_1").PaginationToken);
        Assert.Null(CognitoJsonReader.ReadUserPage(Json("{\"Users\":[],\"PaginationToken\":\"\"}"), "p_1").PaginationToken);
        Assert.Equal("t", CognitoJsonReader.ReadUserPage(Json("{\"PaginationToken\":\"t\"}"), "p_1").PaginationToken);
    }

    [Fact]
    public void A_pool_maps_sign_in_settings_estimate_and_triggers()
    {
        CognitoUserPool pool = CognitoJsonReader.ReadUserPool(Json("""
            {"UserPool":{"Id":"us-east-1_P","Name":"prod","EstimatedNumberOfUsers":12345,"UsernameAttributes":["email"],
             "AliasAttributes":["preferred_username"],"UsernameConfiguration":{"CaseSensitive":false},"MfaConfiguration":"OPTIONAL",
             "LambdaConfig":{"PreAuthentication":"arn:aws:lambda:us-east-1:1:function:pre","CustomSMSSender":{"LambdaVersion":"V1_0","LambdaArn":"arn:sms"}}}}
            """));

        Assert.Equal("us-east-1_P", pool.Id);
        Assert.Equal(12345, pool.EstimatedNumberOfUsers);
        Assert.Equal(new[] { "email" }, pool.UsernameAttributes);
        Assert.Equal(new[] { "preferred_username" }, pool.AliasAttributes);
        Assert.False(pool.UsernameCaseSensitive);
        Assert.Equal("OPTIONAL", pool.MfaConfiguration);
        Assert.Equal("arn:aws:lambda:us-east-1:1:function:pre", pool.LambdaTriggers["PreAuthentication"]);
        Assert.Equal("arn:sms", pool.LambdaTriggers["CustomSMSSender"]);
    }

    [Fact]
    public void A_legacy_pool_without_UsernameConfiguration_leaves_case_sensitivity_unknown()
    {
        CognitoUserPool pool = CognitoJsonReader.ReadUserPool(Json("{\"UserPool\":{\"Id\":\"x_1\"}}"));

        Assert.Null(pool.UsernameCaseSensitive);
        Assert.Null(pool.EstimatedNumberOfUsers);
        Assert.Empty(pool.UsernameAttributes);
    }

    [Fact]
    public void A_client_secret_is_noted_but_never_kept()
    {
        const string secret = "s3cr3tValueThatMustNotBeKept1234567890";
        CognitoUserPoolClient client = CognitoJsonReader.ReadUserPoolClient(Json(
            "{\"UserPoolClient\":{\"ClientId\":\"abc\",\"ClientName\":\"web\",\"ClientSecret\":\"" + secret + "\",\"ExplicitAuthFlows\":[\"ALLOW_USER_PASSWORD_AUTH\"]}}"));

        Assert.True(client.HasClientSecret);
        Assert.Equal(new[] { "ALLOW_USER_PASSWORD_AUTH" }, client.ExplicitAuthFlows);
        foreach (var property in typeof(CognitoUserPoolClient).GetProperties())
        {
            Assert.DoesNotContain(secret, System.Text.Json.JsonSerializer.Serialize(property.GetValue(client)));
        }
    }
}
