using System;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Engine.Readiness
{
    /// <summary>
    /// Clerk finds the pool's region in the pool ID (the digest has no region field), so the module must
    /// call the same region, and the pool ID must name one.
    /// </summary>
    public static class RegionCheck
    {
        public static ReadinessCheckResult Evaluate(MigrationReadinessRequest request)
        {
            string poolId = request.UserPoolId;
            string prefix = UserPoolIdFormat.PrefixOf(poolId) ?? poolId;

            if (UserPoolIdFormat.RegionOf(poolId) == null)
            {
                if (!string.IsNullOrEmpty(request.EndpointUrl))
                {
                    return ReadinessCheckResult.Pass(
                        ReadinessCheckNames.Region,
                        $"The pool ID's prefix '{prefix}' is not an AWS region: a pool of the emulator at {request.EndpointUrl}. " +
                        "Clerk's service takes the region from the pool ID, so it could never reach such a pool: use it for rehearsals only.");
                }

                return ReadinessCheckResult.Fail(
                    ReadinessCheckNames.Region,
                    ReadinessSeverity.Error,
                    $"The pool ID's prefix '{prefix}' is not an AWS region. Clerk takes the pool's region from the pool ID (the digest has no region), so it could not find this pool.",
                    "Use the pool ID exactly as Cognito shows it, <region>_<suffix> (e.g. us-east-1_AbCdEf123). To list the pools of a region: " +
                    new AwsCliCommands(request.Region, request.ProfileName, null).ListUserPools());
            }

            if (!string.IsNullOrEmpty(request.ExplicitRegion)
                && !string.Equals(request.ExplicitRegion!.Trim(), prefix, StringComparison.OrdinalIgnoreCase))
            {
                return ReadinessCheckResult.Fail(
                    ReadinessCheckNames.Region,
                    ReadinessSeverity.Error,
                    $"The region given is {request.ExplicitRegion} but pool {poolId} is in {prefix}. Clerk will call Cognito in {prefix}, the region the pool ID names; the module must call the same region.",
                    $"The module takes {prefix} from the pool ID when no region is given.",
                    ReadinessSettings.Region);
            }

            return ReadinessCheckResult.Pass(
                ReadinessCheckNames.Region,
                $"Pool {poolId} is in {prefix}, the region Clerk will call (it takes it from the pool ID) and the one this module called.");
        }
    }
}
