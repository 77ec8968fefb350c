using System;
using System.Collections;
using System.Management.Automation;
using System.Security;
using CognitoClerk.Conversion;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// What New-ClerkMigratedUser, Get-ClerkMigrationStatus and Sync-ClerkMigratedUser share: the mapping parameters
    /// of the migration (Cognito users are created from, compared with and brought in step with what
    /// ConvertTo-ClerkCognitoDigest sends), the Clerk connection's parameters, and resolving the mapping once.
    /// </summary>
    public abstract class ClerkMigrationCmdlet : CognitoClerkCmdlet
    {
        /// <summary>A few progress updates a second: enough to look alive, few enough to cost nothing.</summary>
        internal static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        /// <summary>As ConvertTo-ClerkCognitoDigest -ClientId.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        /// <summary>
        /// As ConvertTo-ClerkCognitoDigest -IdentifierSource (Auto is an alias of Username). The module's own enum, not
        /// the engine's: an engine value type in a cmdlet would load the engine while PowerShell scans the module,
        /// before the module's load context is registered.
        /// </summary>
        [Parameter]
        public IdentifierSource IdentifierSource { get; set; } = IdentifierSource.Username;

        /// <summary>As ConvertTo-ClerkCognitoDigest -IncludeUsername.</summary>
        [Parameter]
        public SwitchParameter IncludeUsername { get; set; }

        /// <summary>As ConvertTo-ClerkCognitoDigest -AttributeMap (checked before the first user).</summary>
        [Parameter]
        public Hashtable? AttributeMap { get; set; }

        /// <summary>As ConvertTo-ClerkCognitoDigest -DisabledUser: whether a user disabled in Cognito is created (banned) or skipped.</summary>
        [Parameter]
        public DisabledUserAction DisabledUser { get; set; } = DisabledUserAction.Skip;

        /// <summary>Default: $env:CLERK_SECRET_KEY.</summary>
        [Parameter]
        public SecureString? SecretKey { get; set; }

        /// <summary>Default: $env:CLERK_API_URL, else https://api.clerk.com.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ApiUrl { get; set; }

        /// <summary>Requests (or users) in flight at once. Default: enough for the instance's rate at 1 s per request.</summary>
        [Parameter]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; }

        /// <summary>Default: from GET /v1/instance (production 1000, development 100).</summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int RequestsPer10Seconds { get; set; }

        internal int? BoundRequestsPer10Seconds => IsBound(nameof(RequestsPer10Seconds)) ? RequestsPer10Seconds : (int?)null;

        internal int? BoundThrottleLimit => IsBound(nameof(ThrottleLimit)) ? ThrottleLimit : (int?)null;

        /// <summary>
        /// The migration's mapping options with the environment's defaults; settings that cannot map anyone (no client
        /// ID, a malformed pool ID, an attribute map that cannot apply to anyone) stop the cmdlet here, once.
        /// </summary>
        /// <param name="userPoolId">The pool of users that do not say theirs (-UserPoolId), or null.</param>
        internal DigestOptions ResolveMapping(string? userPoolId)
        {
            if (IdentifierSource == IdentifierSource.Auto)
            {
                WriteVerbose(IdentifierSourceConverter.AutoChoice);
            }

            DigestSettings? settings = DigestSettings.Resolve(ClientId, userPoolId, IdentifierSource, IncludeUsername.IsPresent, AttributeMap, DisabledUser, out ErrorRecord? setupError);
            if (setupError != null)
            {
                ThrowTerminatingError(setupError);
            }

            return settings!.Options;
        }
    }
}
