using System.Collections;
using System.Linq;
using System.Management.Automation;
using CognitoClerk.Conversion;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Errors;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// ConvertTo-ClerkCognitoDigest: each Cognito user on the pipeline becomes the exact CreateUser payload
    /// of Clerk's awscognito password migration, or a non-terminating error saying why it cannot, followed by
    /// a not-migratable marker (a digest with Migratable = $false, ErrorId and Reason, and no payload). The error
    /// is for the admin; the marker is for the next command: New-ClerkMigratedUser turns it into a Skipped result
    /// without a second error, so `... | ConvertTo-ClerkCognitoDigest | New-ClerkMigratedUser | Export-Csv`
    /// reports every user, as `Get-CognitoMigrationUser | New-ClerkMigratedUser` does. Offline.
    /// Reads the input's shape (<see cref="CognitoUserReader"/>); the engine's <see cref="CognitoDigestMapper"/> decides.
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "ClerkCognitoDigest")]
    [OutputType(typeof(ClerkCognitoDigest))]
    public sealed class ConvertToClerkCognitoDigestCommand : DigestMappingCmdlet
    {
        private DigestSettings? _settings;
        private AttributeMapCoverage? _coverage;
        private int _converted;
        private int _skipped;

        /// <summary>A Cognito user in any of the shapes CognitoUserReader knows, a list-users response, or a collection of users.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public PSObject InputObject { get; set; } = null!;

        /// <summary>Default: the pool the input user names, then $env:COGNITO_USER_POOL_ID.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? UserPoolId { get; set; }

        protected override void BeginProcessing()
        {
            _settings = ResolveMapping(UserPoolId);
            _coverage = new AttributeMapCoverage(_settings.Options.AttributeMap);

            DigestOptions options = _settings!.Options;
            WriteVerbose(
                $"Converting with app client {options.ClientId} (from {_settings.ClientIdSource}), user pool " +
                (options.UserPoolId == null
                    ? "from each user"
                    : $"{options.UserPoolId} (from {_settings.UserPoolIdSource}) unless the user names its own") +
                $", identifier {options.IdentifierSource}" + (options.IncludeUsername ? ", with Clerk usernames" : string.Empty) +
                (options.AttributeMap.Count > 0 ? $", {options.AttributeMap.Count} source(s) moved by -AttributeMap" : string.Empty) +
                (DisabledUser == DisabledUserAction.Ban ? ", disabled users created banned." : "."));
        }

        protected override void ProcessRecord()
        {
            foreach (InputRead<CognitoUser> read in CognitoUserReader.Read(InputObject))
            {
                if (read.Value == null)
                {
                    Skip(ErrorRecords.ForSkip(read.Problem!, read.Source, read.TargetName), read.Problem!, null, read.Source);
                    continue;
                }

                DigestResult result = CognitoDigestMapper.Map(read.Value, _settings!.Options);
                if (result.Skip != null)
                {
                    // No warnings: a field left out of a payload that is never sent is not news.
                    ErrorRecord error = ErrorRecords.ForSkip(result.Skip, read.Source, read.Value.Username);
                    if (MigrationErrorIds.IsSetupProblem(result.Skip.ErrorId))
                    {
                        ThrowTerminatingError(error);
                    }

                    Skip(error, result.Skip, read.Value, read.Source);
                    continue;
                }

                foreach (MigrationWarning warning in read.Warnings.Concat(result.Warnings))
                {
                    WriteWarning(ErrorIds.WithHint(warning.Id, warning.Message));
                }

                _converted++;
                _coverage!.Note(read.Value);
                WriteObject(DigestConverter.ToPublic(result, read.Source));
            }
        }

        protected override void EndProcessing()
        {
            WriteVerbose($"Converted {_converted} user(s); {_skipped} could not be converted (see the errors; each is also written as a digest with Migratable = False).");
            WarnAboutMapSourcesNeverFound(this, _coverage!);
        }

        /// <summary>A source that no converted user had is most likely misspelt: said once, at the end.</summary>
        internal static void WarnAboutMapSourcesNeverFound(Cmdlet cmdlet, AttributeMapCoverage coverage)
        {
            foreach (string source in coverage.NeverFound())
            {
                cmdlet.WriteWarning("-AttributeMap: " + AttributeMapCoverage.Explain(source, coverage.UsersNoted));
            }
        }

        private void Skip(ErrorRecord error, MigrationSkip skip, CognitoUser? user, object source)
        {
            _skipped++;
            WriteError(error);
            WriteObject(NotMigratable(skip.ErrorId, error.Exception.Message, user, source));
        }

        /// <summary>The marker for a user who cannot be migrated: who they are and why, and nothing Clerk could be sent.</summary>
        private static ClerkCognitoDigest NotMigratable(string errorId, string reason, CognitoUser? user, object source)
        {
            object raw = source is PSObject wrapped ? wrapped.BaseObject : source;
            CognitoMigrationUser? sourceUser = raw as CognitoMigrationUser ?? (user == null ? null : MigrationUserConverter.ToPublic(user));
            return new ClerkCognitoDigest
            {
                password_hasher = string.Empty,
                external_id = sourceUser?.Sub,
                email_address = sourceUser?.Email is string email ? new ClerkValueList(email) : null,
                SourceUser = sourceUser,
                Migratable = false,
                ErrorId = errorId,
                Reason = reason,
            };
        }
    }
}
