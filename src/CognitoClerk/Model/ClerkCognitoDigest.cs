namespace CognitoClerk
{
    /// <summary>
    /// The exact CreateUser payload for one user, as ConvertTo-ClerkCognitoDigest writes it. Properties
    /// carry the Backend API's own field names, so `$_.password_digest` reads as Clerk's docs do and
    /// New-ClerkMigratedUser sends exactly these fields (null ones left out). <see cref="SourceUser"/>,
    /// <see cref="Migratable"/>, <see cref="ErrorId"/> and <see cref="Reason"/> are not sent; they are there for
    /// Where-Object, reports and New-ClerkMigratedUser's result for a user who cannot be migrated.
    /// </summary>
    public sealed class ClerkCognitoDigest
    {
        public string password_hasher { get; set; } = "awscognito";

        public string password_digest { get; set; } = string.Empty;

        public string? external_id { get; set; }

        public ClerkValueList? email_address { get; set; }

        public ClerkValueList? email_address_identification_status { get; set; }

        public ClerkValueList? phone_number { get; set; }

        public ClerkValueList? phone_number_identification_status { get; set; }

        public string? first_name { get; set; }

        public string? last_name { get; set; }

        public string? username { get; set; }

        /// <summary>RFC3339.</summary>
        public string? created_at { get; set; }

        /// <summary>Read by the application's frontend too: Cognito groups go here by default (cognito_groups). JSON as its text.</summary>
        public ClerkMetadata? public_metadata { get; set; }

        /// <summary>
        /// Backend only: the Cognito username and pool, and custom attributes under cognito.custom_attributes by default.
        /// A hashtable, with JSON as its text (Export-Csv, "$x").
        /// </summary>
        public ClerkMetadata? private_metadata { get; set; }

        /// <summary>Readable and writable from the frontend; only what -AttributeMap puts here.</summary>
        public ClerkMetadata? unsafe_metadata { get; set; }

        /// <summary>True for a Cognito user disabled and kept with -DisabledUser Ban: created banned.</summary>
        public bool? banned { get; set; }

        /// <summary>The Cognito user this payload was made from. Not sent to Clerk.</summary>
        public CognitoMigrationUser? SourceUser { get; set; }

        /// <summary>
        /// False for a user who cannot be migrated. ConvertTo-ClerkCognitoDigest writes such a user's error and this
        /// marker too (no payload, just <see cref="ErrorId"/> and <see cref="Reason"/>), so that
        /// New-ClerkMigratedUser downstream reports the user as Skipped instead of never hearing of them. Not sent.
        /// </summary>
        public bool Migratable { get; set; } = true;

        /// <summary>The ErrorId ConvertTo-ClerkCognitoDigest reported the user with (CognitoUserDisabled, ...); null when migratable.</summary>
        public string? ErrorId { get; set; }

        /// <summary>Why the user cannot be migrated, in words; null when migratable.</summary>
        public string? Reason { get; set; }

        public override string ToString() => Migratable ? password_digest : $"{ErrorId}: {SourceUser}";
    }
}
