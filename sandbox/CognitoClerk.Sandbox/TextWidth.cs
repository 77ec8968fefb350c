using System.Globalization;
using System.Text;

namespace CognitoClerk.Sandbox;

/// <summary>
/// How many terminal columns text takes: East Asian wide characters (李, 田中) take two, combining marks none.
/// Enough for the sample pool's names; not a full Unicode width table.
/// </summary>
internal static class TextWidth
{
    public static int Of(string text)
    {
        int width = 0;
        foreach (Rune rune in text.EnumerateRunes())
        {
            width += Of(rune);
        }

        return width;
    }

    /// <summary>The longest start of <paramref name="text"/> that fits in <paramref name="columns"/>, with … when cut.</summary>
    public static string Fit(string text, int columns)
    {
        if (Of(text) <= columns)
        {
            return text;
        }

        var result = new System.Text.StringBuilder();
        int width = 0;
        foreach (Rune rune in text.EnumerateRunes())
        {
            int w = Of(rune);
            if (width + w > columns - 1)
            {
                break;
            }

            result.Append(rune.ToString());
            width += w;
        }

        return result.Append('…').ToString();
    }

    public static string PadRight(string text, int columns) => text + new string(' ', Math.Max(0, columns - Of(text)));

    private static int Of(Rune rune)
    {
        UnicodeCategory category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
        {
            return 0;
        }

        int v = rune.Value;
        bool wide = v is >= 0x1100 and <= 0x115F
            or >= 0x2E80 and <= 0xA4CF
            or >= 0xAC00 and <= 0xD7A3
            or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F
            or >= 0xFF00 and <= 0xFF60
            or >= 0xFFE0 and <= 0xFFE6
            or >= 0x1F300 and <= 0x1FAFF
            or >= 0x20000 and <= 0x3FFFD;
        return wide ? 2 : 1;
    }
}
