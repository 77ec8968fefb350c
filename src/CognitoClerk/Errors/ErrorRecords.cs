using System;
using System.Management.Automation;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Text;

namespace CognitoClerk.Errors
{
    /// <summary>
    /// The one factory of the module's ErrorRecords: the category comes from the <see cref="ErrorIds"/>
    /// catalogue, the hint (which parameter or variable to set) is added after the engine's words, and the
    /// target's name is set so PowerShell does not print a whole object as it (escaped: a crafted username must not
    /// drive the terminal). Messages come from the engine or the cmdlets, which never put a secret in them and
    /// escape what came from outside.
    /// </summary>
    internal static class ErrorRecords
    {
        /// <summary>A problem the module found itself: the exception carries the message (with its hint).</summary>
        internal static ErrorRecord Create(string errorId, string message, object? target, string? targetName = null, Exception? inner = null)
        {
            ErrorCategory category = ErrorIds.CategoryOf(errorId);
            string text = ErrorIds.WithHint(errorId, message);
            Exception exception = category == ErrorCategory.InvalidArgument || category == ErrorCategory.InvalidType || category == ErrorCategory.InvalidData
                ? new ArgumentException(text, inner)
                : new InvalidOperationException(text, inner);
            return WithTargetName(new ErrorRecord(exception, errorId, category, target), targetName);
        }

        /// <summary>An exception the engine threw, reported as it is, with what to do about it.</summary>
        internal static ErrorRecord From(Exception exception, string errorId, object? target, string? recommendedAction = null, string? message = null)
        {
            var record = new ErrorRecord(exception, errorId, ErrorIds.CategoryOf(errorId), target);
            if (recommendedAction != null || message != null)
            {
                record.ErrorDetails = new ErrorDetails(message ?? exception.Message) { RecommendedAction = recommendedAction };
            }

            return record;
        }

        /// <summary>Why one user is not migrated, converted or validated.</summary>
        internal static ErrorRecord ForSkip(MigrationSkip skip, object? target, string? targetName) =>
            Create(skip.ErrorId, skip.Reason, target, targetName);

        internal static ErrorRecord SecretKeyInvalid(ClerkSecretKeyException ex) =>
            From(ex, ErrorIds.ClerkSecretKeyInvalid, null,
                $"Pass the instance's secret key (sk_live_... or sk_test_...) with -SecretKey or $env:{EnvironmentDefaults.ClerkSecretKeyVariable}.");

        internal static ErrorRecord SecretKeyMissing() =>
            From(
                new PSArgumentException($"No Clerk secret key: pass -SecretKey or set $env:{EnvironmentDefaults.ClerkSecretKeyVariable}."),
                ErrorIds.ClerkSecretKeyMissing,
                null);

        internal static ErrorRecord ClerkAuthenticationFailed(ClerkApiException ex, string recommendedAction) =>
            From(ex, ErrorIds.ClerkAuthenticationFailed, null, recommendedAction, $"Clerk rejected the secret key: {ex.Message}");

        /// <summary>Clerk answered, but not with what a start needs; or could not be reached at all.</summary>
        internal static ErrorRecord ClerkUnreachable(Exception ex) =>
            ex is ClerkApiException
                ? From(ex, ErrorIds.ClerkUnreachable, null)
                : From(
                    ex,
                    ErrorIds.ClerkUnreachable,
                    null,
                    $"Check -ApiUrl or $env:{EnvironmentDefaults.ClerkApiUrlVariable}, and the network path to Clerk.",
                    "Clerk could not be reached: " + ex.Message);

        /// <summary>Any engine failure of a Cognito call; null when the exception is not one of the engine's.</summary>
        internal static ErrorRecord? ForCognito(Exception ex, object? target) => ex switch
        {
            CognitoConfigurationException configuration => ForCognitoConfiguration(configuration, target),
            CognitoCredentialsException credentials => From(
                credentials,
                ErrorIds.AwsCredentialsNotFound,
                target,
                "Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or pass -ProfileName (run 'aws sso login' for an SSO profile)."),
            CognitoServiceException service => ForCognitoService(service, target),
            CognitoTransportException transport => From(transport, ErrorIds.CognitoUnreachable, target,
                $"Check that Cognito can be reached at {transport.Endpoint.GetLeftPart(UriPartial.Authority)}: -EndpointUrl (or " +
                "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, AWS_ENDPOINT_URL) for an emulator or VPC endpoint, -Region for the " +
                "public endpoint, and any proxy or firewall in between."),
            CognitoResponseException response => From(response, ErrorIds.CognitoResponseMalformed, target,
                $"Something other than Cognito answers at {response.Endpoint.GetLeftPart(UriPartial.Authority)}: check -EndpointUrl " +
                "(or AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, AWS_ENDPOINT_URL) and any proxy or gateway in between. Asking again will not change the answer."),
            CognitoPaginationException pagination => From(pagination, ErrorIds.CognitoPaginationLoop, target,
                "Check what answers at the Cognito endpoint (-EndpointUrl, AWS_ENDPOINT_URL): real Cognito never repeats a token."),
            _ => null,
        };

        /// <summary>What ListUsers' Filter accepts, for the error a bad -Filter gets.</summary>
        internal const string FilterSyntax =
            "Write the filter as attribute, operator, quoted value, e.g. -Filter 'email ^= \"ann\"' or -Filter 'cognito:user_status = \"CONFIRMED\"'. " +
            "Operators: = (exact) and ^= (starts with); one attribute only; searchable attributes: username, email, phone_number, name, " +
            "given_name, family_name, preferred_username, cognito:user_status, status, sub (custom attributes are not).";

        /// <summary>Cognito refused the listing's -Filter: what it said, and the filter syntax.</summary>
        internal static ErrorRecord ForInvalidFilter(CognitoServiceException ex, string filter, object? target) =>
            From(ex, ErrorIds.CognitoInvalidRequest, target, FilterSyntax,
                $"Cognito refused the ListUsers request with -Filter {ConsoleText.Quote(filter)}: {ex.ServiceMessage}");

        /// <summary>One entry of a ListUsers page that is not a readable user: a non-terminating error; the listing goes on.</summary>
        internal static ErrorRecord ForRejectedRecord(CognitoRejectedRecord rejected, int page, string userPoolId)
        {
            string who = rejected.Username == null ? $"entry {rejected.Position + 1}" : $"user {ConsoleText.Quote(rejected.Username)} (entry {rejected.Position + 1})";
            string message = $"ListUsers page {page} of {userPoolId}: {who} is not a user Cognito could have sent: {rejected.Reason} It was left out; the other users are listed.";
            ErrorRecord record = From(
                new InvalidOperationException(message),
                ErrorIds.CognitoUserRecordInvalid,
                rejected.Username,
                "Look the user up in Cognito (aws cognito-idp admin-get-user); if the endpoint is an emulator or proxy, check what it sends.");
            return WithTargetName(record, rejected.Username ?? string.Empty);
        }

        private static ErrorRecord ForCognitoConfiguration(CognitoConfigurationException ex, object? target)
        {
            string id = ex.Problem switch
            {
                CognitoConfigurationProblem.MissingUserPoolId => MigrationErrorIds.UserPoolIdMissing,
                CognitoConfigurationProblem.RegionUnknown => ErrorIds.CognitoRegionUnknown,
                CognitoConfigurationProblem.InvalidEndpointUrl => ErrorIds.CognitoEndpointUrlInvalid,
                _ => ErrorIds.UserPoolIdMalformed,
            };

            // The engine says what is wrong; the exception the admin sees also says which parameter fixes it.
            return ErrorIds.HintFor(id) == null
                ? From(ex, id, target)
                : Create(id, ex.Message, target, null, ex);
        }

        private static ErrorRecord ForCognitoService(CognitoServiceException ex, object? target)
        {
            if (ex.IsResourceNotFound)
            {
                return From(ex, ErrorIds.CognitoUserPoolNotFound, target,
                    "Check the pool ID and the region (-Region, or the pool ID's prefix) and that the credentials belong to the pool's account.");
            }

            if (ex.IsCredentialRejection)
            {
                return From(ex, ErrorIds.AwsCredentialsRejected, target,
                    "The AWS credentials are unknown, expired or for another partition: refresh them (aws sso login, new session keys) and retry.");
            }

            if (ex.IsPermissionDenial)
            {
                return From(ex, ErrorIds.CognitoAccessDenied, target,
                    $"Allow cognito-idp:{ex.Operation} on the user pool for these credentials (AmazonCognitoReadOnly covers it).");
            }

            if (ex.IsThrottling)
            {
                return From(ex, ErrorIds.CognitoThrottled, target);
            }

            return From(ex, ex.ErrorType == CognitoErrorTypes.InvalidParameter ? ErrorIds.CognitoInvalidRequest : ErrorIds.CognitoServiceError, target);
        }

        private static ErrorRecord WithTargetName(ErrorRecord record, string? targetName)
        {
            if (targetName != null)
            {
                // Otherwise PowerShell shows the whole object (@{Username=...; Attributes=...}) as the target's name.
                record.CategoryInfo.TargetName = ConsoleText.Escape(targetName);
            }

            return record;
        }
    }
}
