using System.Management.Automation;
using CognitoClerk.Conversion;
using CognitoClerk.Engine.Readiness;
using DigestOptions = CognitoClerk.Engine.Migration.DigestOptions;
using MigrationWarning = CognitoClerk.Engine.Migration.MigrationWarning;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// ConvertTo-ClerkCognitoDigest: each Cognito user on the pipeline becomes the exact CreateUser payload
    /// of Clerk's awscognito password migration, or a non-terminating error saying why it cannot, followed by
    /// a not-migratable marker (a digest with Migratable = $false, ErrorId and Reason, and no payload). The error
    /// is for the admin; the marker is for the next command: New-ClerkMigratedUser turns it into a Skipped result
    /// without a second error, so `... | ConvertTo-ClerkCognitoDigest | New-ClerkMigratedUser | Export-Csv`
    /// reports every user, as `Get-CognitoMigrationUser | New-ClerkMigratedUser` does. Offline.
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

        protected override void BeginProcessing()
        {
            try
            {
                _pipeline = DigestPipeline.Create(ClientId, UserPoolId, ResolveIdentifierSource(), IncludeUsername.IsPresent);
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
                $", identifier {options.IdentifierSource}" + (options.IncludeUsername ? ", with Clerk usernames." : "."));
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
                    WriteObject(NotMigratable(outcome));
                }
            }
        }

        protected override void EndProcessing()
        {
            WriteVerbose($"Converted {_converted} user(s); {_skipped} could not be converted (see the errors; each is also written as a digest with Migratable = False).");
        }

        /// <summary>The marker for a user who cannot be migrated: who they are and why, and nothing Clerk could be sent.</summary>
        private static ClerkCognitoDigest NotMigratable(DigestOutcome outcome)
        {
            return new ClerkCognitoDigest
            {
                password_hasher = string.Empty,
                external_id = outcome.SourceUser?.Sub,
                email_address = outcome.SourceUser?.Email is string email ? new ClerkValueList(email) : null,
                SourceUser = outcome.SourceUser,
                Migratable = false,
                ErrorId = outcome.ErrorId,
                Reason = outcome.Error!.Exception.Message,
            };
        }
    }
}
