using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace CognitoClerk
{
    /// <summary>
    /// A Cognito user's attributes: a list of Name/Value objects to scripts, ConvertTo-Json and Export-Clixml, and
    /// "name=value; name=value" as text, so Export-Csv shows the attributes rather than a type name.
    /// </summary>
    public sealed class CognitoUserAttributeList : Collection<CognitoUserAttribute>
    {
        public CognitoUserAttributeList()
        {
        }

        public CognitoUserAttributeList(IEnumerable<CognitoUserAttribute> attributes)
            : base(attributes.ToList())
        {
        }

        /// <summary>How PowerShell converts an array of attributes: <c>$user.Attributes = @($a, $b)</c>.</summary>
        public CognitoUserAttributeList(IEnumerable attributes)
        {
            foreach (object? item in attributes)
            {
                object? value = item is System.Management.Automation.PSObject wrapped ? wrapped.BaseObject : item;
                Add(value as CognitoUserAttribute
                    ?? throw new ArgumentException($"Attributes holds CognitoUserAttribute objects ([CognitoClerk.CognitoUserAttribute]::new(name, value)), not {value?.GetType().Name ?? "null"}.", nameof(attributes)));
            }
        }

        /// <summary>The value of the attribute with this name (custom:tenant, email, ...), or null.</summary>
        public string? this[string name] => this.FirstOrDefault(a => a.Name == name)?.Value;

        public override string ToString() => string.Join("; ", this.Select(a => a.ToString()));
    }
}
