using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using CognitoClerk.Conversion;
using CognitoClerk.Engine.Readiness;
using DigestOptions = CognitoClerk.Engine.Migration.DigestOptions;
using MigrationWarning = CognitoClerk.Engine.Migration.MigrationWarning;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// ConvertTo-ClerkCognitoDigest: each Cognito user on the pipeline becomes the exact CreateUser payload
    /// of Clerk's awscognito password migration, or a non-terminating error saying why it cannot. Offline.
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "ClerkCognitoDigest")]
    [OutputType(typeof(ClerkCognitoDigest))]
    public sealed class ConvertToClerkCognitoDigestCommand : PSCmdlet
    {
        private DigestPipeline? _pipeline;
        private int _converted;
        private int _skipped;

        /// <summary>A Cognito user in any of the shapes CognitoUserReader knows, a list-users response, or a collection of users.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public PSObject InputObject { get; set; } = null!;

        /// <summary>The public app client Clerk will call. Default: $env:COGNITO_CLIENT_ID.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        /// <summary>Default: the pool the input user names, then $env:COGNITO_USER_POOL_ID.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? UserPoolId { get; set; }

        /// <summary>
        /// Username by default. Auto is resolved once, before the first user, by IdentifierSourceResolver's
        /// documented rule (Username in every kind of pool), so it needs no call to Cognito and the cmdlet
        /// stays offline; Write-Verbose says what was chosen and why.
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

        protected override void BeginProcessing()
        {
            try
            {
                _pipeline = DigestPipeline.Create(ClientId, UserPoolId, ResolveIdentifierSource(), IncludeUsername.IsPresent, AttributeMap, DisabledUser);
            }
            catch (DigestSetupException ex)
            {
                ThrowTerminatingError(ex.ErrorRecord);
            }

            DigestOptions options = _pipeline!.Options;
            WriteVerbose(
                $"Converting with app client {options.ClientId} (from {_pipeline.ClientIdSource}), user pool " +
                (options.UserPoolId == null
                    ? "from each user"
                    : $"{options.UserPoolId} (from {_pipeline.UserPoolIdSource}) unless the user names its own") +
                $", identifier {options.IdentifierSource}" + (options.IncludeUsername ? ", with Clerk usernames" : string.Empty) +
                (options.AttributeMap.Count > 0 ? $", {options.AttributeMap.Count} source(s) moved by -AttributeMap" : string.Empty) +
                (DisabledUser == DisabledUserAction.Ban ? ", disabled users created banned." : "."));
        }

        private IdentifierSource ResolveIdentifierSource()
        {
            IdentifierSourceResolution resolution = IdentifierSourceResolver.Resolve(IdentifierSourceConverter.ToEngine(IdentifierSource), null);
            if (resolution.WasAuto)
            {
                WriteVerbose(resolution.Reason);
            }

            return IdentifierSourceConverter.ToPublic(resolution.Source);
        }

        protected override void ProcessRecord()
        {
            foreach (DigestOutcome outcome in _pipeline!.Convert(InputObject))
            {
                foreach (MigrationWarning warning in outcome.Warnings)
                {
                    WriteWarning(warning.Message);
                }

                if (outcome.Digest != null)
                {
                    _converted++;
                    WriteObject(outcome.Digest);
                }
                else if (outcome.IsSetupError)
                {
                    ThrowTerminatingError(outcome.Error!);
                }
                else
                {
                    _skipped++;
                    WriteError(outcome.Error!);
                }
            }
        }

        protected override void EndProcessing()
        {
            WriteVerbose($"Converted {_converted} user(s); {_skipped} could not be converted (see the errors).");
            WarnAboutMapSourcesNeverFound(this, _pipeline!.MapSourcesNeverFound(), _converted);
        }

        /// <summary>A source that no converted user had is most likely misspelt: say so once, at the end.</summary>
        internal static void WarnAboutMapSourcesNeverFound(Cmdlet cmdlet, IReadOnlyList<string> sources, int converted)
        {
            if (converted == 0)
            {
                return;
            }

            foreach (string source in sources)
            {
                string hint = source == "groups"
                    ? "read the users with Get-CognitoMigrationUser -IncludeGroups, or give them a Groups property"
                    : "attribute names are case-sensitive and custom ones start with custom:";
                cmdlet.WriteWarning($"-AttributeMap: none of the {converted} converted user(s) had '{source}', so it was written for nobody ({hint}).");
            }
        }
    }
}
