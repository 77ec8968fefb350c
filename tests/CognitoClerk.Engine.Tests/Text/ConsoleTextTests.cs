using CognitoClerk.Engine.Text;
using Xunit;

namespace CognitoClerk.Engine.Tests.Text;

/// <summary>Text from outside reaches a terminal only escaped (issue 9, item 7).</summary>
public sealed class ConsoleTextTests
{
    [Theory]
    [InlineData("ann", "ann")]
    [InlineData("søren.ågård", "søren.ågård")]
    [InlineData("a\u001b]0;pwned\u0007b", "a\\e]0;pwned\\u0007b")]
    [InlineData("a\u001b[2Jb", "a\\e[2Jb")]
    [InlineData("a\tb\nc\rd", "a\\tb\\nc\\rd")]
    [InlineData("a\0b", "a\\u0000b")]
    [InlineData("a\u009bb", "a\\u009bb")]
    [InlineData("admin\u202Egnp.exe", "admin\\u202egnp.exe")]
    public void Control_and_reordering_characters_become_visible_escapes(string raw, string shown) =>
        Assert.Equal(shown, ConsoleText.Escape(raw));

    [Fact]
    public void A_very_long_value_is_shortened_and_its_length_said()
    {
        string shown = ConsoleText.Escape(new string('a', 10_000));

        Assert.Equal(ConsoleText.DefaultMaxLength + "…(10000 characters)".Length, shown.Length);
        Assert.EndsWith("…(10000 characters)", shown);
    }
}
