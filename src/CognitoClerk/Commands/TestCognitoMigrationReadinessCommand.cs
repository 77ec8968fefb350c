using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using CognitoClerk.Completion;
using CognitoClerk.Conversion;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Readiness;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// Test-CognitoMigrationReadiness: the pre-flight check of Clerk's awscognito migration. One
    /// <see cref="MigrationReadinessCheck"/> per check (always the same checks, in the same order), or with
    /// -Quiet a single bool: true when no check failed with severity Error. A failing check is a row, not an
    /// error; only parameters that cannot work (no or malformed pool ID, a bad URL) stop the cmdlet.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "CognitoMigrationReadiness")]
    [OutputType(typeof(MigrationReadinessCheck), typeof(bool))]
    public sealed class TestCognitoMigrationReadinessCommand : CognitoClerkCmdlet
    {
        /// <summary>The pool to check. Default: $env:COGNITO_USER_POOL_ID.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        public string? UserPoolId { get; set; }

        /// <summary>The app client Clerk will call. Default: $env:COGNITO_CLIENT_ID. None is a failed check, not an error.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ClientId { get; set; }

        /// <summary>Default: the pool ID's prefix, then $env:AWS_REGION.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CognitoRegionCompleter))]
        public string? Region { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(AwsProfileCompleter))]
        public string? ProfileName { get; set; }

        /// <summary>Default: $env:AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, then $env:AWS_ENDPOINT_URL, then AWS's public endpoint.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? EndpointUrl { get; set; }

        /// <summary>The identifier source the migration will use; checked against the pool's sign-in settings.</summary>
        [Parameter]
        public IdentifierSource IdentifierSource { get; set; } = IdentifierSource.Username;

        /// <summary>Default: $env:CLERK_SECRET_KEY. Without a key the Clerk checks are reported as skipped.</summary>
        [Parameter]
        [SecureStringArgument("Leave -SecretKey out to use $env:CLERK_SECRET_KEY, or pass (Read-Host -AsSecureString).")]
        public SecureString? SecretKey { get; set; }

        /// <summary>Default: $env:CLERK_API_URL, then https://api.clerk.com.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ApiUrl { get; set; }

        /// <summary>Write only $true (no check failed with severity Error) or $false.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void ProcessRecord()
        {
            using (CognitoIdentityProviderClient cognito = ConnectCognito(UserPoolId, Region, ProfileName, EndpointUrl))
            {
                IClerkBackendApi? clerk = ConnectClerk(SecretKey, ApiUrl, null, required: false);
                string? apiUrl = clerk == null ? null : ResolveClerkApiUrl(ApiUrl);
                string? clientId = string.IsNullOrWhiteSpace(ClientId) ? EnvironmentDefaults.ClientId : ClientId!.Trim();
                var request = new MigrationReadinessRequest
                {
                    UserPoolId = cognito.Connection.UserPoolId,
                    ClientId = clientId,
                    IdentifierSource = IdentifierSourceConverter.ToEngine(IdentifierSource),
                    ExplicitRegion = Region,
                    Region = cognito.Connection.Region,
                    ProfileName = cognito.Connection.ProfileName,
                    EndpointUrl = string.IsNullOrWhiteSpace(EndpointUrl) ? EnvironmentDefaults.CognitoEndpointUrl : EndpointUrl,
                    ClerkApiUrl = apiUrl,
                };

                WriteVerbose(
                    $"Checking pool {request.UserPoolId} in {request.Region} at {cognito.Connection.Endpoint}, app client {clientId ?? "(none)"}, " +
                    $"identifier source {IdentifierSource}" + (clerk == null ? ", without Clerk (no secret key)." : $", and the Clerk instance at {apiUrl}."));

                IReadOnlyList<ReadinessCheckResult> results;
                try
                {
                    results = Await(new MigrationReadinessInspector(cognito, clerk).RunAsync(request, Cancellation));
                }
                finally
                {
                    (clerk as IDisposable)?.Dispose();
                }

                Report(results, request);
            }
        }

        private void Report(IReadOnlyList<ReadinessCheckResult> results, MigrationReadinessRequest request)
        {
            bool ready = !results.Any(r => r.IsBlocking);
            foreach (ReadinessCheckResult result in results)
            {
                if (Quiet.IsPresent)
                {
                    // The rows are not written with -Quiet; the verbose stream still says what failed.
                    if (!result.Passed && !result.Skipped)
                    {
                        WriteVerbose($"{result.Name} ({result.Severity}): {result.Detail}");
                    }
                }
                else
                {
                    MigrationReadinessCheck row = ReadinessCheckConverter.ToPublic(result, request.UserPoolId, request.ClientId);
                    if (IdentifierSource == IdentifierSource.Auto && row.Name == ReadinessCheckNames.IdentifierSource)
                    {
                        // The engine judged Username, which is what Auto stands for; the row says so.
                        row.Detail = IdentifierSourceConverter.AutoChoice + " " + row.Detail;
                    }

                    WriteObject(row);
                }
            }

            int errors = results.Count(r => r.IsBlocking);
            int warnings = results.Count(r => !r.Passed && !r.Skipped && r.Severity == Engine.Readiness.ReadinessSeverity.Warning);
            int skipped = results.Count(r => r.Skipped);
            WriteVerbose(
                $"{request.UserPoolId}: {results.Count(r => r.Passed)} of {results.Count} checks passed, {errors} failed with Error, " +
                $"{warnings} with Warning, {skipped} skipped: " + (ready ? "ready." : "not ready."));

            if (Quiet.IsPresent)
            {
                WriteObject(ready);
            }
        }
    }
}
