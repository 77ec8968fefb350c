using System;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Engine.Readiness
{
    /// <summary>The pool exists and this identity can read it (DescribeUserPool).</summary>
    public static class UserPoolCheck
    {
        public static ReadinessCheckResult Passed(CognitoUserPool pool)
        {
            string name = string.IsNullOrEmpty(pool.Name) ? pool.Id : $"'{pool.Name}' ({pool.Id})";
            string users = pool.EstimatedNumberOfUsers is int count ? $"Cognito estimates {count} users" : "Cognito gave no user count";
            return ReadinessCheckResult.Pass(ReadinessCheckNames.UserPool, $"Pool {name} is readable; {users}.");
        }

        public static ReadinessCheckResult Failed(Exception exception, MigrationReadinessRequest request)
        {
            string where = string.IsNullOrEmpty(request.EndpointUrl) ? $"region {request.Region}" : request.EndpointUrl!;
            return CognitoCallFailure.Describe(
                ReadinessCheckNames.UserPool,
                "DescribeUserPool",
                exception,
                request,
                $"There is no user pool {request.UserPoolId} in {where}.",
                "Check the pool ID (Cognito console, User pools) and the region. To list the pools this identity sees: " + request.Cli.ListUserPools());
        }
    }
}
