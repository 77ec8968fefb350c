using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using Xunit;

namespace CognitoClerk.Engine.Tests;

public class FieldFormatTests
{
    [Theory]
    [InlineData("us-east-1_AbCdEf123", true)]
    [InlineData("local_abcd1234", true)]
    [InlineData("eu-central-1_Z", true)]
    [InlineData("us-east-1", false)]
    [InlineData("us-east-1_", false)]
    [InlineData("_AbCdEf123", false)]
    [InlineData("us-east-1_AbC#Ef123", false)]
    [InlineData("us-east-1_AbC-Ef123", false)]
    [InlineData("us-east-1_Ab Cd", false)]
    [InlineData("ús-east-1_AbCdEf123", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void User_pool_ids_have_Cognitos_shape(string? value, bool valid)
    {
        Assert.Equal(valid, CognitoIdFormats.IsValidUserPoolId(value));
    }

    [Fact]
    public void A_user_pool_id_is_at_most_55_characters()
    {
        Assert.True(CognitoIdFormats.IsValidUserPoolId("us-east-1_" + new string('a', 45)));
        Assert.False(CognitoIdFormats.IsValidUserPoolId("us-east-1_" + new string('a', 46)));
    }

    [Theory]
    [InlineData("1example23456789abcdefghij", true)]
    [InlineData("abc_DEF+123", true)]
    [InlineData("abc-def", false)]
    [InlineData("abc#def", false)]
    [InlineData("abc/def=", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Client_ids_have_Cognitos_shape(string? value, bool valid)
    {
        Assert.Equal(valid, CognitoIdFormats.IsValidClientId(value));
        Assert.False(CognitoIdFormats.IsValidClientId(new string('a', 129)));
    }

    [Fact]
    public void RFC3339_is_UTC_with_exactly_three_fraction_digits()
    {
        var value = new DateTimeOffset(2023, 5, 1, 17, 43, 49, TimeSpan.FromHours(2)).AddTicks(5789999);

        Assert.Equal("2023-05-01T15:43:49.578Z", ClerkFieldFormats.ToRfc3339(value));
    }

    [Fact]
    public void RFC3339_does_not_depend_on_the_current_culture()
    {
        var saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            // Arabic (Saudi Arabia) uses another calendar and digits by default.
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("ar-SA");
            Assert.Equal("2023-05-01T15:43:49.578Z", ClerkFieldFormats.ToRfc3339(DateTimeOffset.FromUnixTimeMilliseconds(1682955829578)));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }
}
