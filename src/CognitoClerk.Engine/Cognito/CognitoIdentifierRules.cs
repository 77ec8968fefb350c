using System.Globalization;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// What Cognito can hold as a sign-in identifier, checked offline. Cognito's Username is 1 to 128 characters
    /// of <c>[\p{L}\p{M}\p{S}\p{N}\p{P}]+</c>: letters, marks, symbols, numbers and punctuation, so no space
    /// (leading, trailing or inner), no TAB or newline, no control or format character. An email, phone number
    /// or preferred_username used to sign in is an attribute value (at most 2,048 characters) that Cognito looks
    /// up the same way. A digest naming anything else names nobody Cognito can sign in: Clerk would create a
    /// user who can never sign in with their password.
    /// </summary>
    public static class CognitoIdentifierRules
    {
        /// <summary>The longest Cognito Username.</summary>
        public const int UsernameMaxLength = 128;

        /// <summary>The longest attribute value (email, phone_number, preferred_username, sub).</summary>
        public const int AttributeMaxLength = 2048;

        /// <summary>Null when Cognito could hold <paramref name="identifier"/>; otherwise what is wrong, safe to print.</summary>
        public static string? Check(string? identifier, int maxLength)
        {
            if (string.IsNullOrEmpty(identifier))
            {
                return "it is empty";
            }

            int length = CountCodePoints(identifier!);
            if (length > maxLength)
            {
                return string.Format(CultureInfo.InvariantCulture, "it is {0} characters long, more than the {1} Cognito allows", length, maxLength);
            }

            for (int i = 0; i < identifier!.Length; i++)
            {
                UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(identifier, i);
                if (!IsAllowed(category))
                {
                    return "it has " + Describe(identifier, i, category);
                }

                if (char.IsHighSurrogate(identifier[i]) && i + 1 < identifier.Length && char.IsLowSurrogate(identifier[i + 1]))
                {
                    i++;
                }
            }

            return null;
        }

        private static bool IsAllowed(UnicodeCategory category)
        {
            switch (category)
            {
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.SpacingCombiningMark:
                case UnicodeCategory.EnclosingMark:
                case UnicodeCategory.DecimalDigitNumber:
                case UnicodeCategory.LetterNumber:
                case UnicodeCategory.OtherNumber:
                case UnicodeCategory.ConnectorPunctuation:
                case UnicodeCategory.DashPunctuation:
                case UnicodeCategory.OpenPunctuation:
                case UnicodeCategory.ClosePunctuation:
                case UnicodeCategory.InitialQuotePunctuation:
                case UnicodeCategory.FinalQuotePunctuation:
                case UnicodeCategory.OtherPunctuation:
                case UnicodeCategory.MathSymbol:
                case UnicodeCategory.CurrencySymbol:
                case UnicodeCategory.ModifierSymbol:
                case UnicodeCategory.OtherSymbol:
                    return true;
                default:
                    return false;
            }
        }

        private static string Describe(string identifier, int index, UnicodeCategory category)
        {
            char c = identifier[index];
            string where = index == 0 ? "at the start" : index == identifier.Length - 1 ? "at the end" : string.Format(CultureInfo.InvariantCulture, "at position {0}", index + 1);
            string what;
            if (c == ' ')
            {
                what = "a space";
            }
            else if (c == '\t')
            {
                what = "a TAB";
            }
            else if (c == '\n' || c == '\r')
            {
                what = "a line break";
            }
            else if (c == '\0')
            {
                what = "a NUL character";
            }
            else if (c == '\u001B')
            {
                what = "an ESC character (a terminal escape sequence)";
            }
            else if (category == UnicodeCategory.Control)
            {
                what = string.Format(CultureInfo.InvariantCulture, "the control character U+{0:X4}", (int)c);
            }
            else if (category == UnicodeCategory.SpaceSeparator || category == UnicodeCategory.LineSeparator || category == UnicodeCategory.ParagraphSeparator)
            {
                what = string.Format(CultureInfo.InvariantCulture, "the white space U+{0:X4}", (int)c);
            }
            else
            {
                what = string.Format(CultureInfo.InvariantCulture, "the character U+{0:X4} ({1})", (int)c, category);
            }

            return what + " " + where + ", which Cognito does not allow in a sign-in name";
        }

        private static int CountCodePoints(string value)
        {
            int count = 0;
            for (int i = 0; i < value.Length; i++)
            {
                if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                }

                count++;
            }

            return count;
        }
    }
}
