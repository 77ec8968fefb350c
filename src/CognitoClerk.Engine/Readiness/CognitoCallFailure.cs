using System;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Engine.Readiness
{
    /// <summary>
    /// Turns an exception from a Cognito read (DescribeUserPool, DescribeUserPoolClient) into a failed
    /// check with a fix. Everything a read can throw ends here except cancellation, because a check
    /// reports a failure instead of stopping the run.
    /// </summary>
    internal static class CognitoCallFailure
    {
        private const string ReadPermissions =
            "The AWS identity needs cognito-idp:DescribeUserPool, cognito-idp:DescribeUserPoolClient and cognito-idp:ListUsers on this pool " +
            "(the AWS managed policy AmazonCognitoReadOnly has them). To see which identity is used: ";

        internal static ReadinessCheckResult Describe(string checkName, string operation, Exception exception, MigrationReadinessRequest request, string notFoundDetail, string notFoundFix)
        {
            AwsCliCommands cli = request.Cli;
            if (exception is CognitoServiceException service)
            {
                if (service.ErrorType == "ResourceNotFoundException")
                {
                    return ReadinessCheckResult.Fail(checkName, ReadinessSeverity.Error, notFoundDetail, notFoundFix);
                }

                if (IsAccessFailure(service.ErrorType))
                {
                    return ReadinessCheckResult.Fail(
                        checkName,
                        ReadinessSeverity.Error,
                        $"AWS refused {operation}: {service.ErrorType}: {service.ServiceMessage}",
                        ReadPermissions + cli.GetCallerIdentity());
                }

                return ReadinessCheckResult.Fail(
                    checkName,
                    ReadinessSeverity.Error,
                    $"{operation} failed: {service.ErrorType}: {service.ServiceMessage}",
                    null);
            }

            string where = string.IsNullOrEmpty(request.EndpointUrl) ? $"Cognito in {request.Region}" : $"Cognito at {request.EndpointUrl}";
            return ReadinessCheckResult.Fail(
                checkName,
                ReadinessSeverity.Error,
                $"{operation} could not be completed with {where}: {exception.Message}",
                CredentialsHint(exception, cli));
        }

        private static string? CredentialsHint(Exception exception, AwsCliCommands cli)
        {
            // Credential failures are the usual reason a read never reaches Cognito; the AWS CLI says
            // which identity (if any) the same profile resolves to.
            string typeName = exception.GetType().Name;
            return typeName.IndexOf("Credential", StringComparison.Ordinal) >= 0
                ? "Make AWS credentials available (AWS_PROFILE or -ProfileName, `aws sso login` for SSO profiles, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY), then check: " + cli.GetCallerIdentity()
                : null;
        }

        private static bool IsAccessFailure(string errorType) =>
            errorType == "NotAuthorizedException" || errorType == "AccessDeniedException" || errorType == "UnrecognizedClientException"
            || errorType == "InvalidSignatureException" || errorType == "ExpiredTokenException" || errorType == "InvalidClientTokenId"
            || errorType == "MissingAuthenticationToken" || errorType == "SignatureDoesNotMatch";
    }
}
