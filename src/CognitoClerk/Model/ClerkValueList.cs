using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace CognitoClerk
{
    /// <summary>
    /// A list of values of a Clerk field (email_address, phone_number, their identification statuses). A list to
    /// ConvertTo-Json, Export-Clixml and the Clerk API, and one line of text to Export-Csv and string interpolation:
    /// "a@example.com, b@example.com" rather than the System.String[] a plain array gives.
    /// </summary>
    public sealed class ClerkValueList : Collection<string>
    {
        public ClerkValueList()
        {
        }

        public ClerkValueList(IEnumerable<string> values)
            : base(new List<string>(values))
        {
        }

        /// <summary>How PowerShell converts an array: <c>$digest.email_address = @('a@example.com')</c>. Null items are left out.</summary>
        public ClerkValueList(IEnumerable values)
        {
            foreach (object? value in values)
            {
                if (value?.ToString() is string text)
                {
                    Add(text);
                }
            }
        }

        /// <summary>One value on its own: <c>$digest.email_address = 'a@example.com'</c>.</summary>
        public ClerkValueList(string value)
            : base(new List<string> { value })
        {
        }

        public override string ToString() => string.Join(", ", this);
    }
}
