using System.Collections;

namespace CognitoClerk
{
    /// <summary>
    /// The exact CreateUser payload for one user, as ConvertTo-ClerkCognitoDigest writes it. Properties
    /// carry the Backend API's own field names, so `$_.password_digest` reads as Clerk's docs do and
    /// New-ClerkMigratedUser sends exactly these fields (null ones left out). <see cref="SourceUser"/>
    /// is not sent; it is there for Where-Object and reports.
    /// </summary>
    public sealed class ClerkCognitoDigest
    {
        public string password_hasher { get; set; } = "awscognito";

        public string password_digest { get; set; } = string.Empty;

        public string? external_id { get; set; }

        public string[]? email_address { get; set; }

        public string[]? email_address_identification_status { get; set; }

        public string[]? phone_number { get; set; }

        public string[]? phone_number_identification_status { get; set; }

        public string? first_name { get; set; }

        public string? last_name { get; set; }

        public string? username { get; set; }

        /// <summary>RFC3339.</summary>
        public string? created_at { get; set; }

        /// <summary>Read by the application's frontend too: Cognito groups go here by default (cognito_groups).</summary>
        public Hashtable? public_metadata { get; set; }

        /// <summary>Backend only: the Cognito username and pool, and custom attributes under cognito.custom_attributes by default.</summary>
        public Hashtable? private_metadata { get; set; }

        /// <summary>Readable and writable from the frontend; only what -AttributeMap puts here.</summary>
        public Hashtable? unsafe_metadata { get; set; }

        /// <summary>True for a Cognito user disabled and kept with -DisabledUser Ban: created banned.</summary>
        public bool? banned { get; set; }

        /// <summary>The Cognito user this payload was made from. Not sent to Clerk.</summary>
        public CognitoMigrationUser? SourceUser { get; set; }

        public override string ToString() => password_digest;
    }
}
