using System;
using System.Collections.Generic;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Text;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// Turns one Cognito user into the CreateUser payload of Clerk's awscognito password migration, or
    /// into the reason it cannot be migrated. Pure and offline: the same user and options always give
    /// the same result, so a re-run of a pipeline sends the same payloads.
    /// </summary>
    public static class CognitoDigestMapper
    {
        private const string Verified = "verified";

        /// <summary>Unverified but usable for sign-in, and locked so no other Clerk user can claim it.</summary>
        private const string Reserved = "reserved";

        public static DigestResult Map(CognitoUser user, DigestOptions options)
        {
            if (user == null)
            {
                throw new ArgumentNullException(nameof(user));
            }

            if (options == null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            string who = Quote(user.Username);

            MigrationSkip? skip = CheckClientId(options.ClientId);
            if (skip != null)
            {
                return DigestResult.Skipped(user, skip);
            }

            skip = ResolveUserPoolId(user, options, who, out string userPoolId);
            if (skip != null)
            {
                return DigestResult.Skipped(user, skip);
            }

            bool ban = user.Enabled == false && options.DisabledUser == DisabledUserAction.Ban;
            skip = CheckCanSignInWithPassword(user, who, ban);
            if (skip != null)
            {
                return DigestResult.Skipped(user, skip);
            }

            string? sub = NullIfBlank(user.GetAttribute(CognitoAttributeNames.Sub));
            if (sub == null)
            {
                return DigestResult.Skipped(user, new MigrationSkip(
                    MigrationErrorIds.CognitoUserSubMissing,
                    $"Cognito user {who} has no sub attribute. The sub becomes Clerk's external_id, which is how a re-run " +
                    "recognises users already migrated; without it the user could be created twice. Read users with all " +
                    "their attributes (do not limit list-users with --attributes-to-get)."));
            }

            string? identifier = ReadIdentifier(user, options.IdentifierSource);
            if (identifier == null)
            {
                return DigestResult.Skipped(user, new MigrationSkip(
                    MigrationErrorIds.IdentifierMissing,
                    $"Cognito user {who} has no {Describe(options.IdentifierSource)} to put in the digest as the sign-in " +
                    $"identifier (identifier source {options.IdentifierSource})."));
            }

            if (identifier.IndexOf(AwsCognitoDigest.Separator) >= 0)
            {
                return DigestResult.Skipped(user, new MigrationSkip(
                    MigrationErrorIds.IdentifierContainsHash,
                    $"Cognito user {who} has the identifier {Quote(identifier)} ({Describe(options.IdentifierSource)}), " +
                    "which contains '#', the separator of Clerk's awscognito digest, so Clerk could not read the digest " +
                    "back."));
            }

            string? unusable = CognitoIdentifierRules.Check(
                identifier,
                options.IdentifierSource == IdentifierSource.Username ? CognitoIdentifierRules.UsernameMaxLength : CognitoIdentifierRules.AttributeMaxLength);
            if (unusable != null)
            {
                return DigestResult.Skipped(user, new MigrationSkip(
                    MigrationErrorIds.IdentifierInvalid,
                    $"Cognito user {who} has the identifier {Quote(identifier)} ({Describe(options.IdentifierSource)}), which " +
                    $"cannot be a Cognito sign-in name: {unusable}. Clerk would create a user who can never sign in with " +
                    "their password. Check the user in Cognito (a value copied with stray spaces or control characters?)."));
            }

            var warnings = new List<MigrationWarning>();
            ClerkCreateUserRequest request = BuildProfile(user, options, userPoolId, sub, who, warnings);
            request.PasswordHasher = ClerkCreateUserRequest.AwsCognitoHasher;
            request.PasswordDigest = AwsCognitoDigest.Format(userPoolId, options.ClientId, identifier);
            request.Banned = ban ? true : (bool?)null;
            if (ban)
            {
                // Created banned because Cognito disabled them, in the same call as the record that says so: a sync lifts
                // the ban once Cognito enables them (see AccessRecord). No time: the mapping is the same on every run.
                ((IDictionary<string, object?>)request.PrivateMetadata![ImportRecord.CognitoKey]!)[AccessRecord.RecordKey] = AccessRecord.ForImport();
            }

            skip = DigestPayloadCheck.CheckMetadataSize(request, "Cognito user " + who);
            if (skip != null)
            {
                return DigestResult.Skipped(user, skip);
            }

            if (ban)
            {
                warnings.Add(new MigrationWarning(
                    MigrationWarningIds.CognitoUserDisabledBanned,
                    $"Cognito user {who} is disabled in Cognito, so the Clerk user is created banned: their identifiers and " +
                    "data are kept, and nobody can sign in as them until they are enabled in Cognito (which still checks the password " +
                    "at their first sign-in) and unbanned in Clerk: Sync-ClerkMigratedUser lifts the ban once Cognito enables them."));
            }

            WarnIfIdentifierUnverified(user, options.IdentifierSource, identifier, who, warnings);
            return DigestResult.Migratable(user, request, identifier, userPoolId, warnings);
        }

        /// <summary>
        /// Every field <see cref="Map"/> would send for this user except the password, whatever the user's status:
        /// what a Clerk user who came from this Cognito user should hold today. The cutover compares Clerk with it,
        /// also for users Map would now refuse (disabled or reset since the import). Null when there is no sub or
        /// no usable pool, the two things a Clerk user is matched and recorded by.
        /// </summary>
        public static ClerkCreateUserRequest? MapProfile(CognitoUser user, DigestOptions options)
        {
            if (user == null)
            {
                throw new ArgumentNullException(nameof(user));
            }

            if (options == null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            string who = Quote(user.Username);
            string? sub = NullIfBlank(user.GetAttribute(CognitoAttributeNames.Sub));
            if (sub == null || ResolveUserPoolId(user, options, who, out string userPoolId) != null)
            {
                return null;
            }

            return BuildProfile(user, options, userPoolId, sub, who, new List<MigrationWarning>());
        }

        /// <summary>
        /// Checks what does not depend on the user (the client ID, the fallback pool ID) so a caller can stop once, before the first user, instead of skipping every user alike.
        /// </summary>
        /// <returns>Null when the options can map users.</returns>
        public static MigrationSkip? CheckOptions(DigestOptions options)
        {
            if (options == null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            MigrationSkip? skip = CheckClientId(options.ClientId);
            if (skip != null)
            {
                return skip;
            }

            string? pool = NullIfBlank(options.UserPoolId);
            if (pool != null && !CognitoIdFormats.IsValidUserPoolId(pool))
            {
                return new MigrationSkip(
                    MigrationErrorIds.UserPoolIdInvalid,
                    $"The user pool ID {Quote(pool)} is not a Cognito user pool ID (<region>_<id>, e.g. us-east-1_AbCdEf123; " +
                    "never '#'). Pass the pool's ID, not its name or ARN.");
            }

            return null;
        }

        /// <summary>
        /// The value <paramref name="source"/> names for this user, exactly as Cognito stores it (no trimming:
        /// Cognito compares it as it is); null when the user has none.
        /// </summary>
        public static string? ReadIdentifier(CognitoUser user, IdentifierSource source)
        {
            if (user == null)
            {
                throw new ArgumentNullException(nameof(user));
            }

            string? value;
            switch (source)
            {
                case IdentifierSource.Username:
                    value = user.Username;
                    break;
                case IdentifierSource.Email:
                    value = user.GetAttribute(CognitoAttributeNames.Email);
                    break;
                case IdentifierSource.Sub:
                    value = user.GetAttribute(CognitoAttributeNames.Sub);
                    break;
                case IdentifierSource.PhoneNumber:
                    value = user.GetAttribute(CognitoAttributeNames.PhoneNumber);
                    break;
                case IdentifierSource.PreferredUsername:
                    value = user.GetAttribute(CognitoAttributeNames.PreferredUsername);
                    break;
                default:
                    throw new ArgumentException($"IdentifierSource {source} names no value of a user.", nameof(source));
            }

            return string.IsNullOrWhiteSpace(value) ? null : value;
        }

        /// <summary>
        /// The payload without the password: identity, names, email and phone, created_at, the Cognito username and
        /// pool, and last the import record of what all that is (see <see cref="ImportRecord"/>).
        /// </summary>
        private static ClerkCreateUserRequest BuildProfile(
            CognitoUser user, DigestOptions options, string userPoolId, string sub, string who, List<MigrationWarning> warnings)
        {
            var request = new ClerkCreateUserRequest
            {
                ExternalId = sub,
                FirstName = NullIfBlank(user.GetAttribute(CognitoAttributeNames.GivenName)),
                LastName = NullIfBlank(user.GetAttribute(CognitoAttributeNames.FamilyName)),
                CreatedAt = user.UserCreateDate.HasValue ? ClerkFieldFormats.ToRfc3339(user.UserCreateDate.Value) : null,
            };
            CognitoMetadataMapper.Apply(user, userPoolId, options.AttributeMap, request);

            AddEmail(user, request, who, warnings);
            AddPhoneNumber(user, request, who, warnings);

            if (options.IncludeUsername)
            {
                request.Username = user.Username;
                if (string.Equals(user.Username, sub, StringComparison.OrdinalIgnoreCase))
                {
                    warnings.Add(new MigrationWarning(
                        MigrationWarningIds.UsernameIsSub,
                        $"Cognito user {who}: the Cognito Username is the sub, as in pools where users sign in with " +
                        "their email or phone, so the Clerk username will be that UUID."));
                }
            }

            // Last: the record describes every field set above (the metadata mapper always writes private_metadata.cognito).
            ((IDictionary<string, object?>)request.PrivateMetadata![ImportRecord.CognitoKey]!)[ImportRecord.RecordKey] = ImportRecord.For(request);
            return request;
        }

        private static MigrationSkip? CheckClientId(string? clientId)
        {
            if (string.IsNullOrWhiteSpace(clientId))
            {
                return new MigrationSkip(
                    MigrationErrorIds.ClientIdMissing,
                    "No Cognito app client ID: the digest names the pool's public app client (no client secret, " +
                    "ALLOW_USER_PASSWORD_AUTH enabled) that Clerk will ask to check passwords.");
            }

            // The value is never echoed: what was passed by mistake is often a secret (a client secret, an AWS
            // key, a Clerk key), and the message ends up in error logs.
            if (!CognitoIdFormats.IsValidClientId(clientId))
            {
                return new MigrationSkip(
                    MigrationErrorIds.ClientIdInvalid,
                    "The Cognito app client ID is not one (letters, digits, '_' and '+', at most " +
                    $"{CognitoIdFormats.ClientIdMaxLength} characters; never '#'). Pass the app client's ID, not its name or secret.");
            }

            if (LooksLikeClerkSecretKey(clientId!))
            {
                return new MigrationSkip(
                    MigrationErrorIds.ClientIdInvalid,
                    "The Cognito app client ID looks like a Clerk secret key (sk_...), which must never go into a digest. " +
                    "Pass the Cognito app client's ID.");
            }

            return null;
        }

        private static MigrationSkip? ResolveUserPoolId(CognitoUser user, DigestOptions options, string who, out string userPoolId)
        {
            string? own = NullIfBlank(user.UserPoolId);
            string? configured = NullIfBlank(options.UserPoolId);
            userPoolId = own ?? configured ?? string.Empty;

            if (own != null && configured != null && options.UserPoolIdIsExplicit
                && !string.Equals(own, configured, StringComparison.Ordinal))
            {
                return new MigrationSkip(
                    MigrationErrorIds.UserPoolIdMismatch,
                    $"Cognito user {who} was read from pool {Quote(own)}, but the pool named for this run is {Quote(configured)}. " +
                    "Clerk would ask that pool for the password and the sign-in would fail.");
            }

            if (userPoolId.Length == 0)
            {
                return new MigrationSkip(
                    MigrationErrorIds.UserPoolIdMissing,
                    $"No user pool ID for Cognito user {who}: the input does not say which pool the user is in, and " +
                    "none was named for this run.");
            }

            if (!CognitoIdFormats.IsValidUserPoolId(userPoolId))
            {
                return new MigrationSkip(
                    MigrationErrorIds.UserPoolIdInvalid,
                    $"{Quote(userPoolId)}, the user pool ID for Cognito user {who}, is not a Cognito user pool ID " +
                    "(<region>_<id>, e.g. us-east-1_AbCdEf123; never '#'). Pass the pool's ID, not its name or ARN.");
            }

            return null;
        }

        private static MigrationSkip? CheckCanSignInWithPassword(CognitoUser user, string who, bool ban)
        {
            if (user.Enabled == false && !ban)
            {
                return new MigrationSkip(
                    MigrationErrorIds.CognitoUserDisabled,
                    $"Cognito user {who} is disabled (Enabled = false), and Cognito refuses a disabled user's password, " +
                    "so Clerk could not verify it. If the user should be migrated, enable them in Cognito " +
                    "(aws cognito-idp admin-enable-user) and run again, or migrate them banned so their identifiers and data are kept.");
            }

            string? status = NullIfBlank(user.UserStatus)?.Trim().ToUpperInvariant();
            switch (status)
            {
                case CognitoUserStatus.Confirmed:
                    return null;
                case null:
                    return new MigrationSkip(
                        MigrationErrorIds.CognitoUserStatusMissing,
                        $"Cognito user {who} has no UserStatus in the input, so it is unknown whether they can sign in " +
                        "with a Cognito password.");
                case CognitoUserStatus.Unconfirmed:
                    return new MigrationSkip(
                        MigrationErrorIds.CognitoUserUnconfirmed,
                        $"Cognito user {who} is UNCONFIRMED: they never confirmed their sign-up, and Cognito refuses " +
                        "their password until they do, so Clerk could not verify it. Confirm them in Cognito " +
                        "(aws cognito-idp admin-confirm-sign-up) and run again, or let them sign up in Clerk.");
                case CognitoUserStatus.ForceChangePassword:
                    return new MigrationSkip(
                        MigrationErrorIds.CognitoUserForceChangePassword,
                        $"Cognito user {who} is FORCE_CHANGE_PASSWORD: an admin created them and they never chose their " +
                        "own password. Cognito answers their sign-in with a NEW_PASSWORD_REQUIRED challenge that Clerk " +
                        "cannot complete. Invite them to Clerk instead, or run again after they have signed in to Cognito once.");
                case CognitoUserStatus.ResetRequired:
                    return new MigrationSkip(
                        MigrationErrorIds.CognitoUserResetRequired,
                        $"Cognito user {who} is RESET_REQUIRED: Cognito demands a password reset before it accepts their " +
                        "password, so Clerk could not verify it. Run again after they have reset it in Cognito, or invite " +
                        "them to Clerk.");
                case CognitoUserStatus.ExternalProvider:
                    return new MigrationSkip(
                        MigrationErrorIds.CognitoUserExternalProvider,
                        $"Cognito user {who} is EXTERNAL_PROVIDER: they sign in through a federated identity provider " +
                        "(Google, Facebook, SAML, OIDC...) and have no Cognito password. Connect that provider to Clerk " +
                        "(social or enterprise connection); they sign in with it there.");
                case CognitoUserStatus.Archived:
                    return new MigrationSkip(
                        MigrationErrorIds.CognitoUserArchived,
                        $"Cognito user {who} is ARCHIVED: Cognito no longer lets them sign in, so there is no password " +
                        "for Clerk to verify.");
                case CognitoUserStatus.Compromised:
                    return new MigrationSkip(
                        MigrationErrorIds.CognitoUserCompromised,
                        $"Cognito user {who} is COMPROMISED: Cognito has blocked their password as compromised, so it " +
                        "must not be carried over. Invite them to Clerk to choose a new password.");
                case CognitoUserStatus.Unknown:
                    return new MigrationSkip(
                        MigrationErrorIds.CognitoUserStatusUnknown,
                        $"Cognito user {who} has the status UNKNOWN: Cognito itself cannot say whether they can sign in. " +
                        "Check the user (aws cognito-idp admin-get-user) and run again once they are CONFIRMED.");
                default:
                    return new MigrationSkip(
                        MigrationErrorIds.CognitoUserStatusUnrecognized,
                        $"Cognito user {who} has the status {Quote(user.UserStatus!)}, which this module does not know. " +
                        "Only CONFIRMED users can sign in with a Cognito password, so only they are migrated.");
            }
        }

        private static void AddEmail(CognitoUser user, ClerkCreateUserRequest request, string who, List<MigrationWarning> warnings)
        {
            string? email = NullIfBlank(user.GetAttribute(CognitoAttributeNames.Email));
            if (email == null)
            {
                return;
            }

            if (!ClerkFieldFormats.IsPlausibleEmailAddress(email))
            {
                warnings.Add(new MigrationWarning(
                    MigrationWarningIds.EmailAddressInvalid,
                    $"Cognito user {who}: the email {Quote(email)} is not a valid address, and Clerk would refuse the " +
                    "whole user for it, so the Clerk user is created without an email."));
                return;
            }

            request.EmailAddress = new List<string> { email };
            request.EmailAddressIdentificationStatus = new List<string>
            {
                IsTrue(user.GetAttribute(CognitoAttributeNames.EmailVerified)) ? Verified : Reserved,
            };
        }

        private static void AddPhoneNumber(CognitoUser user, ClerkCreateUserRequest request, string who, List<MigrationWarning> warnings)
        {
            string? phone = NullIfBlank(user.GetAttribute(CognitoAttributeNames.PhoneNumber));
            if (phone == null)
            {
                return;
            }

            if (!ClerkFieldFormats.IsE164PhoneNumber(phone))
            {
                warnings.Add(new MigrationWarning(
                    MigrationWarningIds.PhoneNumberInvalid,
                    $"Cognito user {who}: the phone number {Quote(phone)} is not in E.164 form (+ and up to 15 digits), " +
                    "and Clerk would refuse the whole user for it, so the Clerk user is created without a phone number."));
                return;
            }

            request.PhoneNumber = new List<string> { phone };
            request.PhoneNumberIdentificationStatus = new List<string>
            {
                IsTrue(user.GetAttribute(CognitoAttributeNames.PhoneNumberVerified)) ? Verified : Reserved,
            };
        }

        private static void WarnIfIdentifierUnverified(
            CognitoUser user, IdentifierSource source, string identifier, string who, List<MigrationWarning> warnings)
        {
            string? verifiedAttribute = source == IdentifierSource.Email ? CognitoAttributeNames.EmailVerified
                : source == IdentifierSource.PhoneNumber ? CognitoAttributeNames.PhoneNumberVerified
                : null;
            if (verifiedAttribute == null || IsTrue(user.GetAttribute(verifiedAttribute)))
            {
                return;
            }

            warnings.Add(new MigrationWarning(
                MigrationWarningIds.IdentifierNotVerified,
                $"Cognito user {who}: the identifier {Quote(identifier)} is not verified in Cognito ({verifiedAttribute} is " +
                "not true). Cognito accepts an unverified email or phone at sign-in only when it is the pool's username " +
                "attribute, not when it is an alias; test one such user before migrating the rest."));
        }

        /// <summary>Cognito stores booleans as the strings "true" and "false"; exports may capitalise them.</summary>
        private static bool IsTrue(string? value) =>
            value != null && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);

        private static bool LooksLikeClerkSecretKey(string value) =>
            value.StartsWith("sk_live_", StringComparison.Ordinal) || value.StartsWith("sk_test_", StringComparison.Ordinal);

        private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

        /// <summary>A value in a message: escaped, so a crafted username cannot drive the admin's terminal, and shortened.</summary>
        private static string Quote(string value) => ConsoleText.Quote(value);

        /// <summary>The value an identifier source names, in words (for messages).</summary>
        internal static string Describe(IdentifierSource source)
        {
            switch (source)
            {
                case IdentifierSource.Username:
                    return "Cognito Username";
                case IdentifierSource.Email:
                    return "email attribute";
                case IdentifierSource.Sub:
                    return "sub attribute";
                case IdentifierSource.PhoneNumber:
                    return "phone_number attribute";
                case IdentifierSource.PreferredUsername:
                    return "preferred_username attribute";
                default:
                    return source.ToString();
            }
        }
    }
}
