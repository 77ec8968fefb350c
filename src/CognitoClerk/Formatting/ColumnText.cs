using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace CognitoClerk.Formatting
{
    /// <summary>
    /// Word wrapping for the module's views (CognitoClerk.format.ps1xml calls it from its script blocks).
    /// PowerShell's own table -Wrap and list views break long values at the column edge, mid-word ("disabl" /
    /// "ed"); a view that hands PowerShell lines already broken at spaces, each no wider than the column,
    /// reads the same in an 80-column console, a 120-column one and a log file. Public only because format
    /// files can call nothing else; not part of the module's scripting surface.
    /// </summary>
    public static class ColumnText
    {
        /// <summary>Characters after which a word too long for a line may be broken: "user_" / "2abc", "a.b." / "c@d".</summary>
        private const string BreakAfter = "-._@#/:,;=&?";

        /// <summary>
        /// <paramref name="text"/> as lines of at most <paramref name="width"/> display cells, broken at spaces; a
        /// single word wider than a line is broken after punctuation (<c>-._@#/:</c>) where it can be, and only
        /// then at the width. Line breaks already in the text are kept. Null becomes an empty string.
        /// </summary>
        public static string Wrap(string? text, int width)
        {
            if (string.IsNullOrEmpty(text))
            {
                return string.Empty;
            }

            if (width < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(width), width, "A column is at least one cell wide.");
            }

            var lines = new List<string>();
            foreach (string paragraph in text!.Replace("\r\n", "\n").Split('\n'))
            {
                WrapParagraph(paragraph, width, lines);
            }

            return string.Join("\n", lines);
        }

        /// <summary>The display width of <paramref name="text"/> in console cells: East Asian wide characters take two, combining marks none.</summary>
        public static int DisplayWidth(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return 0;
            }

            int width = 0;
            for (int i = 0; i < text!.Length; i++)
            {
                int codePoint = char.IsSurrogatePair(text, i) ? char.ConvertToUtf32(text[i], text[++i]) : text[i];
                width += CellsOf(codePoint);
            }

            return width;
        }

        private static void WrapParagraph(string paragraph, int width, List<string> lines)
        {
            var line = new StringBuilder();
            int lineWidth = 0;
            foreach (string word in paragraph.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int wordWidth = DisplayWidth(word);
                int needed = lineWidth == 0 ? wordWidth : lineWidth + 1 + wordWidth;
                if (needed <= width)
                {
                    if (lineWidth > 0)
                    {
                        line.Append(' ');
                    }

                    line.Append(word);
                    lineWidth = needed;
                    continue;
                }

                if (lineWidth > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    lineWidth = 0;
                }

                // A word wider than a whole line: as many full pieces as it takes, the rest starts the next line.
                string rest = word;
                while (DisplayWidth(rest) > width)
                {
                    int cut = CutPoint(rest, width);
                    lines.Add(rest.Substring(0, cut));
                    rest = rest.Substring(cut);
                }

                line.Append(rest);
                lineWidth = DisplayWidth(rest);
            }

            // An empty paragraph stays an empty line; a trailing partial line is kept.
            lines.Add(line.ToString());
        }

        /// <summary>Where to cut a word wider than <paramref name="width"/>: after the last break character that fits, else at the width.</summary>
        private static int CutPoint(string word, int width)
        {
            int cells = 0;
            int fits = 0;
            int afterBreak = 0;
            for (int i = 0; i < word.Length; i++)
            {
                bool pair = char.IsSurrogatePair(word, i);
                int codePoint = pair ? char.ConvertToUtf32(word[i], word[i + 1]) : word[i];
                int next = cells + CellsOf(codePoint);
                if (next > width)
                {
                    break;
                }

                cells = next;
                i += pair ? 1 : 0;
                fits = i + 1;
                if (BreakAfter.IndexOf(word[i]) >= 0)
                {
                    afterBreak = fits;
                }
            }

            // Always at least one character, so a line narrower than a wide character still moves on.
            return afterBreak > 0 && afterBreak < word.Length ? afterBreak : Math.Max(1, fits);
        }

        private static int CellsOf(int codePoint)
        {
            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(char.ConvertFromUtf32(codePoint), 0);
            if (category == UnicodeCategory.NonSpacingMark || category == UnicodeCategory.EnclosingMark || category == UnicodeCategory.Format)
            {
                return 0;
            }

            return IsWide(codePoint) ? 2 : 1;
        }

        /// <summary>East Asian Wide and Fullwidth ranges, as consoles draw them.</summary>
        private static bool IsWide(int c) =>
            (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
            (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
            (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
            (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
            (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
    }
}
