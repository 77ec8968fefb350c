using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace CognitoClerk
{
    /// <summary>
    /// A user's Cognito group names, in order (precedence, then name). A read-only list, so Where-Object
    /// { $_.Groups -contains 'admins' } works, and its text is the names separated by spaces (Cognito group names
    /// cannot contain spaces), so Export-Csv writes a Groups column that ConvertTo-ClerkCognitoDigest reads back.
    /// </summary>
    public sealed class CognitoGroupNames : ReadOnlyCollection<string>
    {
        public CognitoGroupNames(IList<string> names)
            : base(names)
        {
        }

        public override string ToString() => string.Join(" ", this);
    }
}
