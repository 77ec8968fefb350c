using System;
using System.Management.Automation;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Text;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// Engine failures of the Cognito client as ErrorRecords with stable ErrorIds, shared by every cmdlet
    /// that talks to Cognito. Messages come from the engine, which never puts a secret in them.
    /// </summary>
    internal static class CognitoErrorRecords
    {
        internal const string UserPoolIdMissing = "UserPoolIdMissing";
        internal const string UserPoolIdMalformed = "UserPoolIdMalformed";
        internal const string RegionUnknown = "CognitoRegionUnknown";
        internal const string EndpointUrlInvalid = "CognitoEndpointUrlInvalid";
        internal const string CredentialsNotFound = "AwsCredentialsNotFound";
        internal const string CredentialsRejected = "AwsCredentialsRejected";
        internal const string AccessDenied = "CognitoAccessDenied";
        internal const string UserPoolNotFound = "CognitoUserPoolNotFound";
        internal const string Throttled = "CognitoThrottled";
        internal const string InvalidRequest = "CognitoInvalidRequest";
        internal const string ServiceError = "CognitoServiceError";
        internal const string Unreachable = "CognitoUnreachable";
        internal const string PaginationLoop = "CognitoPaginationLoop";
        internal const string ResponseMalformed = "CognitoResponseMalformed";
        internal const string UserRecordInvalid = "CognitoUserRecordInvalid";

        /// <summary>What ListUsers' Filter accepts, for the error a bad -Filter gets.</summary>
        internal const string FilterSyntax =
            "Write the filter as attribute, operator, quoted value, e.g. -Filter 'email ^= \"ann\"' or -Filter 'cognito:user_status = \"CONFIRMED\"'. " +
            "Operators: = (exact) and ^= (starts with); one attribute only; searchable attributes: username, email, phone_number, name, " +
            "given_name, family_name, preferred_username, cognito:user_status, status, sub (custom attributes are not).";

        internal static ErrorRecord FromConfiguration(CognitoConfigurationException ex, object? target)
        {
            string id = ex.Problem switch
            {
                CognitoConfigurationProblem.MissingUserPoolId => UserPoolIdMissing,
                CognitoConfigurationProblem.MalformedUserPoolId => UserPoolIdMalformed,
                CognitoConfigurationProblem.RegionUnknown => RegionUnknown,
                CognitoConfigurationProblem.InvalidEndpointUrl => EndpointUrlInvalid,
                _ => UserPoolIdMalformed,
            };
            return new ErrorRecord(ex, id, ErrorCategory.InvalidArgument, target);
        }

        internal static ErrorRecord FromCredentials(CognitoCredentialsException ex, object? target)
        {
            var record = new ErrorRecord(ex, CredentialsNotFound, ErrorCategory.AuthenticationError, target);
            record.ErrorDetails = new ErrorDetails(ex.Message)
            {
                RecommendedAction = "Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or pass -ProfileName (run 'aws sso login' for an SSO profile).",
            };
            return record;
        }

        internal static ErrorRecord FromService(CognitoServiceException ex, object? target)
        {
            if (ex.IsResourceNotFound)
            {
                var notFound = new ErrorRecord(ex, UserPoolNotFound, ErrorCategory.ObjectNotFound, target);
                notFound.ErrorDetails = new ErrorDetails(ex.Message)
                {
                    RecommendedAction = "Check the pool ID and the region (-Region, or the pool ID's prefix) and that the credentials belong to the pool's account.",
                };
                return notFound;
            }

            if (ex.IsCredentialRejection)
            {
                var rejected = new ErrorRecord(ex, CredentialsRejected, ErrorCategory.AuthenticationError, target);
                rejected.ErrorDetails = new ErrorDetails(ex.Message)
                {
                    RecommendedAction = "The AWS credentials are unknown, expired or for another partition: refresh them (aws sso login, new session keys) and retry.",
                };
                return rejected;
            }

            if (ex.IsPermissionDenial)
            {
                var denied = new ErrorRecord(ex, AccessDenied, ErrorCategory.PermissionDenied, target);
                denied.ErrorDetails = new ErrorDetails(ex.Message)
                {
                    RecommendedAction = $"Allow cognito-idp:{ex.Operation} on the user pool for these credentials (AmazonCognitoReadOnly covers it).",
                };
                return denied;
            }

            if (ex.IsThrottling)
            {
                return new ErrorRecord(ex, Throttled, ErrorCategory.LimitsExceeded, target);
            }

            if (ex.ErrorType == CognitoErrorTypes.InvalidParameter)
            {
                return new ErrorRecord(ex, InvalidRequest, ErrorCategory.InvalidArgument, target);
            }

            return new ErrorRecord(ex, ServiceError, ErrorCategory.InvalidResult, target);
        }

        internal static ErrorRecord FromTransport(CognitoTransportException ex, object? target) =>
            Advised(ex, Unreachable, ErrorCategory.ConnectionError, target,
                $"Check that Cognito can be reached at {ex.Endpoint.GetLeftPart(UriPartial.Authority)}: -EndpointUrl (or AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, " +
                "AWS_ENDPOINT_URL) for an emulator or VPC endpoint, -Region for the public endpoint, and any proxy or firewall in between.");

        internal static ErrorRecord FromResponse(CognitoResponseException ex, object? target) =>
            Advised(ex, ResponseMalformed, ErrorCategory.InvalidResult, target,
                $"Something other than Cognito answers at {ex.Endpoint.GetLeftPart(UriPartial.Authority)}: check -EndpointUrl (or AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, " +
                "AWS_ENDPOINT_URL), and any proxy or gateway in between. Asking again will not change the answer.");

        /// <summary>An error whose message is the exception's and whose recommended action says what to do about it.</summary>
        private static ErrorRecord Advised(Exception ex, string errorId, ErrorCategory category, object? target, string action) =>
            new ErrorRecord(ex, errorId, category, target)
            {
                ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = action },
            };

        /// <summary>One entry of a ListUsers page that is not a readable user: a non-terminating error; the listing goes on.</summary>
        internal static ErrorRecord FromRejectedRecord(CognitoRejectedRecord rejected, int page, string userPoolId)
        {
            string who = rejected.Username == null ? $"entry {rejected.Position + 1}" : $"user {ConsoleText.Quote(rejected.Username)} (entry {rejected.Position + 1})";
            string message = $"ListUsers page {page} of {userPoolId}: {who} is not a user Cognito could have sent: {rejected.Reason} It was left out; the other users are listed.";
            var record = new ErrorRecord(new InvalidOperationException(message), UserRecordInvalid, ErrorCategory.InvalidData, rejected.Username)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Look the user up in Cognito (aws cognito-idp admin-get-user); if the endpoint is an emulator or proxy, check what it sends.",
                },
            };
            record.CategoryInfo.TargetName = rejected.Username == null ? string.Empty : ConsoleText.Escape(rejected.Username);
            return record;
        }

        /// <summary>Any engine failure of a Cognito call; null when the exception is not one of the engine's.</summary>
        internal static ErrorRecord? From(Exception ex, object? target) => ex switch
        {
            CognitoConfigurationException configuration => FromConfiguration(configuration, target),
            CognitoCredentialsException credentials => FromCredentials(credentials, target),
            CognitoServiceException service => FromService(service, target),
            CognitoTransportException transport => FromTransport(transport, target),
            CognitoResponseException response => FromResponse(response, target),
            CognitoPaginationException pagination => Advised(pagination, PaginationLoop, ErrorCategory.InvalidResult, target,
                "Check what answers at the Cognito endpoint (-EndpointUrl, AWS_ENDPOINT_URL): real Cognito never repeats a token."),
            _ => null,
        };
    }
}
