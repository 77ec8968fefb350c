using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using System.Threading;
using CognitoClerk.Completion;
using CognitoClerk.Conversion;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Readiness;
using CognitoClerk.Engine.Validation;
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
    public sealed class TestClerkMigratedUserCommand : PSCmdlet, IDisposable
    {
        internal const string CognitoClientNotFound = "CognitoAppClientNotFound";
        internal const string CognitoCheckFailed = "CognitoSignInCheckFailed";
        internal const string ClerkCheckFailed = "ClerkPasswordCheckFailed";

        private const string ByIdentifierSet = "ByIdentifier";
        private const string ByInputObjectSet = "ByInputObject";

        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
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
            IdentifierSourceResolution resolution = IdentifierSourceResolver.Resolve(IdentifierSourceConverter.ToEngine(IdentifierSource), null);
            if (resolution.WasAuto)
            {
                WriteVerbose(resolution.Reason);
            }

            _reader = new ValidationTargetReader(UserPoolId, ClientId, resolution.Source);
            _clerk = ConnectClerk();
        }

        protected override void ProcessRecord()
        {
            IEnumerable<ValidationTarget> targets = ParameterSetName == ByIdentifierSet
                ? new[] { _reader!.FromIdentifier(Identifier) }
                : _reader!.FromInput(InputObject);

            foreach (ValidationTarget read in targets)
            {
                if (read.Error != null)
                {
                    if (read.IsSetupError)
                    {
                        ThrowTerminatingError(read.Error);
                    }

                    WriteError(read.Error);
                    continue;
                }

                if (read.Warning != null)
                {
                    WriteWarning(read.Warning);
                }

                Validate(read.Target!);
            }
        }

        protected override void EndProcessing() => DisposeClients();

        protected override void StopProcessing() => _cancellation.Cancel();

        public void Dispose()
        {
            DisposeClients();
            _cancellation.Dispose();
        }

        private void Validate(MigratedUserTarget target)
        {
            var validator = new MigratedUserValidator(CognitoFor(target.UserPoolId), _clerk);
            string who = $"'{target.Identifier}' (pool {target.UserPoolId}, app client {target.ClientId})";

            CognitoSignInStep cognito = ShouldProcess(who, "Sign in to Cognito with USER_PASSWORD_AUTH, as Clerk will (a wrong password counts toward the user's lockout)")
                ? SignInToCognito(validator, target)
                : CognitoSignInStep.NotRun("Not run: declined.");

            ClerkPasswordStep clerk;
            if (_clerk == null)
            {
                clerk = ClerkPasswordStep.NotRun($"Not run: no Clerk secret key (-SecretKey or $env:{EnvironmentDefaults.ClerkSecretKeyVariable}).");
            }
            else if (cognito.Status == EngineCognitoStatus.WrongPassword)
            {
                clerk = ClerkPasswordStep.NotRun(
                    "Not run: Cognito refused the password, and for a user still on the awscognito hasher Clerk would ask Cognito again, adding a second failed attempt toward the user's lockout.");
            }
            else if (ShouldProcess(ClerkTarget(target), "Verify the password with Clerk's verify_password (for a user still on awscognito Clerk signs in to Cognito and may re-hash the password)"))
            {
                clerk = VerifyInClerk(validator, target);
            }
            else
            {
                clerk = ClerkPasswordStep.NotRun("Not run: declined.");
            }

            // Nothing ran (-WhatIf, or both steps declined): the "What if" lines, or the answers, say it all.
            if (cognito.Status == EngineCognitoStatus.NotRun && clerk.Status == EngineClerkStatus.NotRun)
            {
                return;
            }

            MigratedUserValidationResult result = ValidationResultConverter.ToPublic(target, cognito, clerk);
            WriteObject(result);
        }

        private CognitoSignInStep SignInToCognito(MigratedUserValidator validator, MigratedUserTarget target)
        {
            CognitoSignInStep step;
            try
            {
                step = SecureStringReader
                    .Use(Password, password => validator.SignInToCognitoAsync(target, password, _cancellation.Token))
                    .GetAwaiter()
                    .GetResult();
            }
            catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (CognitoServiceException ex) when (ex.IsResourceNotFound)
            {
                // No other user would fare better with a client that does not exist: stop once.
                var record = new ErrorRecord(ex, CognitoClientNotFound, ErrorCategory.ObjectNotFound, target.ClientId);
                record.ErrorDetails = new ErrorDetails($"Cognito has no app client {target.ClientId} for pool {target.UserPoolId}: {ex.ServiceMessage}")
                {
                    RecommendedAction = "Check -ClientId or $env:COGNITO_CLIENT_ID against the pool's clients (Test-CognitoMigrationReadiness shows the command).",
                };
                ThrowTerminatingError(record);
                throw;
            }

            WriteVerbose($"Cognito, {target.Identifier}: {step.Status}.");
            if (step.Status == EngineCognitoStatus.Failed)
            {
                WriteError(new ErrorRecord(new InvalidOperationException(step.Detail), CognitoCheckFailed, ErrorCategory.ConnectionError, target.Identifier));
            }

            return step;
        }

        private ClerkPasswordStep VerifyInClerk(MigratedUserValidator validator, MigratedUserTarget target)
        {
            ClerkPasswordStep step;
            try
            {
                WriteVerbose(validator.CompleteFromCognitoAsync(target, _cancellation.Token).GetAwaiter().GetResult());
                ClerkUser? user = validator.FindClerkUserAsync(target, _cancellation.Token).GetAwaiter().GetResult();
                if (user == null)
                {
                    step = new ClerkPasswordStep(
                        EngineClerkStatus.UserNotInClerk,
                        null,
                        $"No Clerk user has {ClerkKeys(target)}: migrate the user first (New-ClerkMigratedUser), then validate again.");
                }
                else
                {
                    WriteVerbose($"Clerk user {user.Id} found for {target.Identifier}.");
                    step = SecureStringReader
                        .Use(Password, password => validator.VerifyInClerkAsync(user, password, _cancellation.Token))
                        .GetAwaiter()
                        .GetResult();
                }
            }
            catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (ClerkApiException ex) when (ex.IsAuthenticationFailure)
            {
                ThrowTerminatingError(KeyRefused(ex));
                throw;
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                step = new ClerkPasswordStep(EngineClerkStatus.Failed, null, "Clerk could not be asked: " + ex.Message, (ex as ClerkApiException)?.Code, (ex as ClerkApiException)?.TraceId);
            }

            WriteVerbose($"Clerk, {target.Identifier}: {step.Status}.");
            if (step.Status == EngineClerkStatus.Failed)
            {
                WriteError(new ErrorRecord(new InvalidOperationException(step.Detail), ClerkCheckFailed, ErrorCategory.InvalidResult, target.Identifier));
            }

            return step;
        }

        private static string ClerkTarget(MigratedUserTarget target) =>
            target.ExternalId == null && target.Email == null && target.PhoneNumber == null
                ? $"the Clerk user for '{target.Identifier}'"
                : "the Clerk user with " + ClerkKeys(target);

        /// <summary>What finds the user in Clerk, in words: "external_id X or email Y".</summary>
        private static string ClerkKeys(MigratedUserTarget target)
        {
            var keys = new List<string>();
            if (target.ExternalId != null)
            {
                keys.Add("external_id " + target.ExternalId);
            }

            if (target.Email != null)
            {
                keys.Add("email " + target.Email);
            }

            if (target.PhoneNumber != null)
            {
                keys.Add("phone " + target.PhoneNumber);
            }

            return keys.Count == 0 ? $"external_id '{target.Identifier}'" : string.Join(" or ", keys);
        }

        private CognitoIdentityProviderClient CognitoFor(string userPoolId)
        {
            if (_cognitoByPool.TryGetValue(userPoolId, out CognitoIdentityProviderClient? client))
            {
                return client;
            }

            try
            {
                client = new CognitoIdentityProviderClient(CognitoConnectionDefaults.Create(userPoolId, Region, ProfileName, EndpointUrl));
            }
            catch (CognitoConfigurationException ex)
            {
                ThrowTerminatingError(CognitoErrorRecords.FromConfiguration(ex, userPoolId));
                throw;
            }

            _cognitoByPool[userPoolId] = client;
            return client;
        }

        /// <summary>Null when no key was given: only the Cognito step runs.</summary>
        private IClerkBackendApi? ConnectClerk()
        {
            ClerkSecretKey? key = ClerkSecretKeyReader.ReadOrNull(SecretKey);
            if (key == null)
            {
                WriteVerbose("No Clerk secret key: only the Cognito step will run.");
                return null;
            }

            try
            {
                return ClerkApiConnector.Connect(key, ApiUrl, null);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, NewClerkMigratedUserCommand.ApiUrlInvalid, ErrorCategory.InvalidArgument, null));
                return null;
            }
        }

        private static ErrorRecord KeyRefused(ClerkApiException ex)
        {
            return new ErrorRecord(ex, NewClerkMigratedUserCommand.AuthenticationFailed, ErrorCategory.AuthenticationError, null)
            {
                ErrorDetails = new ErrorDetails("Clerk refused the secret key: " + ex.Message)
                {
                    RecommendedAction = $"Pass the secret key of the instance the user was migrated to (sk_live_... or sk_test_...) with -SecretKey or $env:{EnvironmentDefaults.ClerkSecretKeyVariable}.",
                },
            };
        }

        private void DisposeClients()
        {
            foreach (CognitoIdentityProviderClient client in _cognitoByPool.Values)
            {
                client.Dispose();
            }

            _cognitoByPool.Clear();
            (_clerk as IDisposable)?.Dispose();
            _clerk = null;
        }
    }
}
