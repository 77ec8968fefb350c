using System;
using System.Collections;
using System.Management.Automation;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// Reads named values the same way from any object PowerShell can hand us: a PSCustomObject from
    /// ConvertFrom-Json or Import-Csv, a deserialized object, a .NET object (AWS.Tools), or a hashtable.
    /// Names compare case-insensitively, as PowerShell's own property access does.
    /// </summary>
    internal sealed class PropertyBag
    {
        private readonly PSObject? _object;
        private readonly IDictionary? _dictionary;

        private PropertyBag(PSObject? obj, IDictionary? dictionary)
        {
            _object = obj;
            _dictionary = dictionary;
        }

        internal static PropertyBag For(object value)
        {
            object raw = Unwrap(value) ?? value;
            return raw is IDictionary dictionary
                ? new PropertyBag(null, dictionary)
                : new PropertyBag(PSObject.AsPSObject(value), null);
        }

        /// <summary>False when there is no such property; true with a null value when it is there but empty.</summary>
        internal bool TryGet(string name, out object? value)
        {
            value = null;
            if (_dictionary != null)
            {
                foreach (DictionaryEntry entry in _dictionary)
                {
                    if (string.Equals(entry.Key?.ToString(), name, StringComparison.OrdinalIgnoreCase))
                    {
                        value = Unwrap(entry.Value);
                        return true;
                    }
                }

                return false;
            }

            PSPropertyInfo? property = _object!.Properties[name];
            if (property == null)
            {
                return false;
            }

            try
            {
                value = Unwrap(property.Value);
            }
            catch (GetValueException)
            {
                // A .NET getter that throws: treat the property as empty rather than fail the whole user.
                value = null;
            }

            return true;
        }

        internal bool Has(string name) => TryGet(name, out _);

        /// <summary>The property names, for an error message that says what the object has instead.</summary>
        internal string[] Names()
        {
            if (_dictionary != null)
            {
                var keys = new string[_dictionary.Count];
                int i = 0;
                foreach (object key in _dictionary.Keys)
                {
                    keys[i++] = key?.ToString() ?? string.Empty;
                }

                return keys;
            }

            var names = new System.Collections.Generic.List<string>();
            foreach (PSPropertyInfo property in _object!.Properties)
            {
                names.Add(property.Name);
            }

            return names.ToArray();
        }

        /// <summary>
        /// The value inside a PSObject wrapper; a PSCustomObject stays wrapped, because its properties
        /// live on the wrapper, not on the empty PSCustomObject inside.
        /// </summary>
        internal static object? Unwrap(object? value)
        {
            if (value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject))
            {
                return wrapped.BaseObject;
            }

            return value;
        }
    }
}
