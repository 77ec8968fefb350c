using System.Collections;
using System.Management.Automation;
using CognitoClerk.Conversion;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// The mapping parameters of ConvertTo-ClerkCognitoDigest, which every cmdlet that maps Cognito users takes the
    /// same way (New-ClerkMigratedUser given Cognito users, Get-ClerkMigrationStatus, Sync-ClerkMigratedUser), and
    /// resolving them with the environment's defaults.
    /// </summary>
    public abstract class DigestMappingCmdlet : CognitoClerkCmdlet
    {
        private bool _autoExplained;

        /// <summary>The public app client Clerk will call. Default: $env:COGNITO_CLIENT_ID.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        /// <summary>
        /// Username by default. Auto is an alias of Username (the module's rule picks it in every kind of pool), kept for
        /// scripts that name it. The module's own enum, not the engine's: an engine value type in a cmdlet would load
        /// the engine while PowerShell scans the module, before the module's load context is registered.
        /// </summary>
        [Parameter]
        public IdentifierSource IdentifierSource { get; set; } = IdentifierSource.Username;

        [Parameter]
        public SwitchParameter IncludeUsername { get; set; }

        /// <summary>
        /// Source = 'root.key' pairs that move custom attributes, other attributes or the groups into the metadata
        /// the application reads, e.g. @{ 'custom:tenant' = 'public_metadata.tenant'; groups = 'public_metadata.roles' }.
        /// </summary>
        [Parameter]
        public Hashtable? AttributeMap { get; set; }

        /// <summary>Skip (default) users disabled in Cognito, or Ban: create them banned.</summary>
        [Parameter]
        public DisabledUserAction DisabledUser { get; set; } = DisabledUserAction.Skip;

        /// <summary>
        /// The mapping with the environment's defaults (and where each value came from); null with the error when the
        /// settings cannot map anyone (no client ID, a malformed pool ID, an attribute map that cannot apply to anyone).
        /// </summary>
        /// <param name="userPoolId">The pool of users that do not say theirs (-UserPoolId), or null.</param>
        internal DigestSettings? TryResolveMapping(string? userPoolId, out ErrorRecord? setupError)
        {
            ExplainIdentifierSource();
            return DigestSettings.Resolve(ClientId, userPoolId, IdentifierSource, IncludeUsername.IsPresent, AttributeMap, DisabledUser, out setupError);
        }

        /// <summary>Says, once, verbosely, what -IdentifierSource Auto picks.</summary>
        internal void ExplainIdentifierSource()
        {
            if (IdentifierSource == IdentifierSource.Auto && !_autoExplained)
            {
                _autoExplained = true;
                WriteVerbose(IdentifierSourceConverter.AutoChoice);
            }
        }

        /// <summary>As <see cref="TryResolveMapping"/>, settings that cannot map anyone stopping the cmdlet here, once.</summary>
        internal DigestSettings ResolveMapping(string? userPoolId)
        {
            DigestSettings? settings = TryResolveMapping(userPoolId, out ErrorRecord? setupError);
            if (setupError != null)
            {
                ThrowTerminatingError(setupError);
            }

            return settings!;
        }
    }
}
