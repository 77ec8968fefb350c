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

        internal static ReadinessCheckResult Describe(string checkName, string operation, Exception exception, MigrationReadinessRequest request, string notFoundDetail, string notFoundFix, string? notFoundSetting = null)
        {
            AwsCliCommands cli = request.Cli;
            switch (exception)
            {
                case CognitoServiceException service when service.IsResourceNotFound:
                    return ReadinessCheckResult.Fail(checkName, ReadinessSeverity.Error, notFoundDetail, notFoundFix, notFoundSetting);

                case CognitoServiceException service when service.IsAccessFailure:
                    return ReadinessCheckResult.Fail(
                        checkName,
                        ReadinessSeverity.Error,
                        $"AWS refused {operation}: {service.ErrorType}: {service.ServiceMessage}",
                        (service.IsCredentialRejection
                            ? "The AWS credentials are unknown or expired: refresh them (aws sso login, new session keys). "
                            : string.Empty) + ReadPermissions + cli.GetCallerIdentity());

                case CognitoServiceException service:
                    return ReadinessCheckResult.Fail(checkName, ReadinessSeverity.Error, $"{operation} failed: {service.ErrorType}: {service.ServiceMessage}", null);

                case CognitoCredentialsException credentials:
                    return ReadinessCheckResult.Fail(
                        checkName,
                        ReadinessSeverity.Error,
                        $"No AWS credentials for {operation}: {credentials.Message}",
                        "Make AWS credentials available (a profile, `aws sso login` for an SSO profile, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY), then check: " + cli.GetCallerIdentity(),
                        ReadinessSettings.AwsCredentials);

                default:
                    string where = string.IsNullOrEmpty(request.EndpointUrl) ? $"Cognito in {request.Region}" : $"Cognito at {request.EndpointUrl}";
                    return ReadinessCheckResult.Fail(
                        checkName,
                        ReadinessSeverity.Error,
                        $"{operation} could not reach {where}: {exception.Message}",
                        exception is CognitoTransportException ? "Check the network path to the endpoint (proxy, firewall, VPC endpoint) and the endpoint given, if any." : null,
                        exception is CognitoTransportException ? ReadinessSettings.CognitoEndpoint : null);
            }
        }
    }
}
