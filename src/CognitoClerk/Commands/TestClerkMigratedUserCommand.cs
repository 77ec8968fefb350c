using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using CognitoClerk.Completion;
using CognitoClerk.Conversion;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Text;
using CognitoClerk.Engine.Validation;
using CognitoClerk.Errors;
using EngineClerkStatus = CognitoClerk.Engine.Validation.ClerkPasswordStatus;
using EngineCognitoStatus = CognitoClerk.Engine.Validation.CognitoSignInStatus;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// Test-ClerkMigratedUser: signs one user in the way Clerk will (Cognito InitiateAuth USER_PASSWORD_AUTH
    /// with the identifier the digest holds), then, when the user exists in Clerk, asks Clerk's
    /// verify_password. Both are real sign-in attempts, hence ShouldProcess before each: a wrong password
    /// counts toward Cognito's lockout, and a successful verify_password may make Clerk re-hash the
    /// password (a write). ConfirmImpact is Low because validating is what the admin asked for: -Confirm
    /// and -WhatIf are there for those who want them, without a prompt by default.
    /// The password is read out of its SecureString only inside the call that sends it.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "ClerkMigratedUser", DefaultParameterSetName = ByIdentifierSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(MigratedUserValidationResult))]
    public sealed class TestClerkMigratedUserCommand : CognitoClerkCmdlet
    {
        private const string ByIdentifierSet = "ByIdentifier";
        private const string ByInputObjectSet = "ByInputObject";

        private readonly Dictionary<string, CognitoIdentityProviderClient> _cognitoByPool = new Dictionary<string, CognitoIdentityProviderClient>(StringComparer.Ordinal);
        private IClerkBackendApi? _clerk;
        private ValidationTargetReader? _reader;

        /// <summary>The name the digest holds (the USERNAME Clerk will send to Cognito).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdentifierSet)]
        [ValidateNotNullOrEmpty]
        public string Identifier { get; set; } = string.Empty;

        /// <summary>A digest (ConvertTo-ClerkCognitoDigest output, or one read back from JSON or CliXml), a Cognito user in any shape ConvertTo-ClerkCognitoDigest accepts, or an identifier as text.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObjectSet)]
        public PSObject InputObject { get; set; } = null!;

        /// <summary>The user's password, e.g. from Read-Host -AsSecureString. Never written anywhere.</summary>
        [Parameter(Mandatory = true)]
        [SecureStringArgument("Pass -Password (Read-Host -AsSecureString).")]
        public SecureString Password { get; set; } = null!;

        /// <summary>Default: the input's own pool (a digest's always wins), then $env:COGNITO_USER_POOL_ID.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? UserPoolId { get; set; }

        /// <summary>Default: $env:COGNITO_CLIENT_ID (a digest's own client always wins).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        /// <summary>How a Cognito user on the pipeline becomes the identifier, as ConvertTo-ClerkCognitoDigest does it.</summary>
        [Parameter(ParameterSetName = ByInputObjectSet)]
        public IdentifierSource IdentifierSource { get; set; } = IdentifierSource.Username;

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CognitoRegionCompleter))]
        public string? Region { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(AwsProfileCompleter))]
        public string? ProfileName { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? EndpointUrl { get; set; }

        /// <summary>Default: $env:CLERK_SECRET_KEY. Without a key only the Cognito step runs.</summary>
        [Parameter]
        [SecureStringArgument("Leave -SecretKey out to use $env:CLERK_SECRET_KEY, or pass (Read-Host -AsSecureString).")]
        public SecureString? SecretKey { get; set; }

        /// <summary>Default: $env:CLERK_API_URL, then https://api.clerk.com.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ApiUrl { get; set; }

        protected override void BeginProcessing()
        {
            if (IdentifierSource == IdentifierSource.Auto)
            {
                WriteVerbose(IdentifierSourceConverter.AutoChoice);
            }

            _reader = new ValidationTargetReader(UserPoolId, ClientId, IdentifierSourceConverter.ToEngine(IdentifierSource));
            _clerk = ConnectClerk(SecretKey, ApiUrl, null, required: false);
            if (_clerk == null)
            {
                WriteVerbose("No Clerk secret key: only the Cognito step will run.");
            }
        }

        protected override void ProcessRecord()
        {
            IEnumerable<InputRead<MigratedUserTarget>> targets = ParameterSetName == ByIdentifierSet
                ? new[] { _reader!.FromIdentifier(Identifier) }
                : _reader!.FromInput(InputObject);

            foreach (InputRead<MigratedUserTarget> read in targets)
            {
                if (read.Value == null)
                {
                    ErrorRecord error = ErrorRecords.ForSkip(read.Problem!, read.Source, read.TargetName);
                    if (read.IsSetupError)
                    {
                        ThrowTerminatingError(error);
                    }

                    WriteError(error);
                    continue;
                }

                foreach (MigrationWarning warning in read.Warnings)
                {
                    WriteWarning(warning.Message);
                }

                Validate(read.Value);
            }
        }

        protected override void EndProcessing() => DisposeResources();

        protected override void DisposeResources()
        {
            foreach (CognitoIdentityProviderClient client in _cognitoByPool.Values)
            {
                client.Dispose();
            }

            _cognitoByPool.Clear();
            (_clerk as IDisposable)?.Dispose();
            _clerk = null;
        }

        private void Validate(MigratedUserTarget target)
        {
            var validator = new MigratedUserValidator(CognitoFor(target.UserPoolId), _clerk);
            string who = $"{ConsoleText.Quote(target.Identifier)} (pool {target.UserPoolId}, app client {target.ClientId})";

            CognitoSignInStep cognito = ShouldProcess(who, "Sign in to Cognito with USER_PASSWORD_AUTH, as Clerk will (a wrong password counts toward the user's lockout)")
                ? SignInToCognito(validator, target)
                : CognitoSignInStep.NotRun("Not run: declined.");

            ClerkPasswordStep clerk;
            if (_clerk == null)
            {
                clerk = ClerkPasswordStep.NotRun($"Not run: no Clerk secret key (-SecretKey or $env:{EnvironmentDefaults.ClerkSecretKeyVariable}).");
            }
            else if (MigratedUserValidator.ClerkStepBlockedBy(cognito) is ClerkPasswordStep blocked)
            {
                clerk = blocked;
            }
            else if (ShouldProcess(target.ClerkUserDescription, "Verify the password with Clerk's verify_password (for a user still on awscognito Clerk signs in to Cognito and may re-hash the password)"))
            {
                clerk = VerifyInClerk(validator, target);
            }
            else
            {
                clerk = ClerkPasswordStep.NotRun("Not run: declined.");
            }

            var validation = new MigratedUserValidation(target, cognito, clerk);

            // Nothing ran (-WhatIf, or both steps declined): the "What if" lines, or the answers, say it all.
            if (!validation.NothingRan)
            {
                WriteObject(ValidationResultConverter.ToPublic(validation));
            }
        }

        private CognitoSignInStep SignInToCognito(MigratedUserValidator validator, MigratedUserTarget target)
        {
            CognitoSignInStep step;
            try
            {
                step = Await(SecureStringReader.Use(Password, password => validator.SignInToCognitoAsync(target, password, Cancellation)));
            }
            catch (CognitoServiceException ex) when (ex.IsResourceNotFound)
            {
                // No other user would fare better with a client that does not exist: stop once.
                ThrowTerminatingError(ErrorRecords.From(
                    ex,
                    ErrorIds.CognitoAppClientNotFound,
                    target.ClientId,
                    $"Check -ClientId or $env:{EnvironmentDefaults.ClientIdVariable} against the pool's clients (Test-CognitoMigrationReadiness shows the command).",
                    $"Cognito has no app client {target.ClientId} for pool {target.UserPoolId}: {ex.ServiceMessage}"));
                throw;
            }

            WriteVerbose($"Cognito, {target.Identifier}: {step.Status}.");
            if (step.Status == EngineCognitoStatus.Failed)
            {
                WriteError(ErrorRecords.Create(ErrorIds.CognitoSignInCheckFailed, step.Detail, target.Identifier));
            }

            return step;
        }

        private ClerkPasswordStep VerifyInClerk(MigratedUserValidator validator, MigratedUserTarget target)
        {
            ClerkPasswordStep step;
            try
            {
                WriteVerbose(Await(validator.CompleteFromCognitoAsync(target, Cancellation)));
                ClerkUser? user = Await(validator.FindClerkUserAsync(target, Cancellation));
                if (user == null)
                {
                    step = MigratedUserValidator.NotInClerk(target);
                }
                else
                {
                    WriteVerbose($"Clerk user {user.Id} found for {target.Identifier}.");
                    step = Await(SecureStringReader.Use(Password, password => validator.VerifyInClerkAsync(user, password, Cancellation)));
                }
            }
            catch (ClerkApiException ex) when (ex.IsAuthenticationFailure)
            {
                ThrowTerminatingError(ErrorRecords.ClerkAuthenticationFailed(
                    ex,
                    $"Pass the secret key of the instance the user was migrated to (sk_live_... or sk_test_...) with -SecretKey or $env:{EnvironmentDefaults.ClerkSecretKeyVariable}."));
                throw;
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                step = MigratedUserValidator.Unanswered(ex);
            }

            WriteVerbose($"Clerk, {target.Identifier}: {step.Status}.");
            if (step.Status == EngineClerkStatus.Failed)
            {
                WriteError(ErrorRecords.Create(ErrorIds.ClerkPasswordCheckFailed, step.Detail, target.Identifier));
            }

            return step;
        }

        private CognitoIdentityProviderClient CognitoFor(string userPoolId)
        {
            if (!_cognitoByPool.TryGetValue(userPoolId, out CognitoIdentityProviderClient? client))
            {
                client = ConnectCognito(userPoolId, Region, ProfileName, EndpointUrl);
                _cognitoByPool[userPoolId] = client;
            }

            return client;
        }
    }
}
