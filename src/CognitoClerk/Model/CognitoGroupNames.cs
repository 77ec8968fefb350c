using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Management.Automation;

namespace CognitoClerk
{
    /// <summary>
    /// A user's Cognito group names, in order (precedence, then name). A read-only list, so Where-Object
    /// { $_.Groups -contains 'admins' } works, and its text is the names separated by spaces (Cognito group names
    /// cannot contain spaces), so Export-Csv writes a Groups column that ConvertTo-ClerkCognitoDigest reads back.
    /// An admin can set it as PowerShell converts: <c>$user.Groups = 'admins', 'editors'</c> or <c>= 'admins editors'</c>.
    /// </summary>
    public sealed class CognitoGroupNames : ReadOnlyCollection<string>
    {
        public CognitoGroupNames(IList<string> names)
            : base(names)
        {
        }

        /// <summary>How PowerShell converts an array (<c>@('admins', 'editors')</c>): each item's text, in order; null and blank items are left out.</summary>
        public CognitoGroupNames(IEnumerable names)
            : base(FromItems(names))
        {
        }

        /// <summary>
        /// One text of names separated by white space, as Export-Csv and ToString write it: <c>'admins'</c>, <c>'admins editors'</c>.
        /// Without it PowerShell would convert a string through the list constructor, a group per character.
        /// </summary>
        public CognitoGroupNames(string names)
            : base((names ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
        }

        public override string ToString() => string.Join(" ", this);

        private static IList<string> FromItems(IEnumerable names)
        {
            var list = new List<string>();
            foreach (object? item in names ?? Array.Empty<object>())
            {
                object? value = item is PSObject wrapped ? wrapped.BaseObject : item;
                string? name = value?.ToString()?.Trim();
                if (!string.IsNullOrEmpty(name))
                {
                    list.Add(name!);
                }
            }

            return list;
        }
    }
}
