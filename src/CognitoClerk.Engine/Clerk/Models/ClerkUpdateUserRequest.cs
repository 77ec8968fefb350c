using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>
    /// The body of PATCH /v1/users/{id} (UpdateUser) for the fields the cutover changes: the names, and which
    /// email address or phone number is primary. Only fields
    /// that were set are sent, and a name set to null is sent as null (it clears the name), which a typed
    /// body with "leave nulls out" could not say. Never metadata (API 2026-05-12 refuses it here; see
    /// <see cref="IClerkBackendApi.UpdateUserMetadataAsync"/>) and never a password field.
    /// </summary>
    public sealed class ClerkUpdateUserRequest
    {
        private readonly SortedDictionary<string, string?> _fields = new SortedDictionary<string, string?>(System.StringComparer.Ordinal);

        public bool IsEmpty => _fields.Count == 0;

        /// <summary>The JSON field names set, e.g. first_name.</summary>
        public IEnumerable<string> FieldNames => _fields.Keys;

        public ClerkUpdateUserRequest SetFirstName(string? value)
        {
            _fields["first_name"] = value;
            return this;
        }

        public ClerkUpdateUserRequest SetLastName(string? value)
        {
            _fields["last_name"] = value;
            return this;
        }

        /// <summary>Must be a verified address of the user (the spec).</summary>
        public ClerkUpdateUserRequest SetPrimaryEmailAddressId(string id)
        {
            _fields["primary_email_address_id"] = id;
            return this;
        }

        public ClerkUpdateUserRequest SetPrimaryPhoneNumberId(string id)
        {
            _fields["primary_phone_number_id"] = id;
            return this;
        }

        public JsonObject ToJson()
        {
            var json = new JsonObject();
            foreach (KeyValuePair<string, string?> field in _fields)
            {
                json[field.Key] = field.Value;
            }

            return json;
        }
    }
}
