using System;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>Region-name checks and the AWS SDK's own region defaults.</summary>
    internal static class AwsRegionName
    {
        // us-east-1, eu-central-2, ap-southeast-4, us-gov-west-1, cn-north-1, il-central-1, ...
        private static readonly Regex RegionShape = new Regex(
            "^[a-z]{2}(-[a-z]+)+-[0-9]+$", RegexOptions.CultureInvariant);

        internal static bool LooksLikeRegion(string? value) => value != null && RegionShape.IsMatch(value);

        /// <summary>
        /// The named profile's region, else what the SDK's fallback chain finds (AWS_REGION,
        /// AWS_DEFAULT_REGION, the default profile). Null when nothing says.
        /// </summary>
        internal static string? FromSdkDefaults(string? profileName)
        {
            try
            {
                if (profileName != null)
                {
                    if (AwsProfileStore.Open().TryGetProfile(profileName, out CredentialProfile profile)
                        && profile.Region != null)
                    {
                        return profile.Region.SystemName;
                    }

                    return null;
                }

                return FallbackRegionFactory.GetRegionEndpoint()?.SystemName;
            }
            catch (Exception)
            {
                // A malformed config file must not hide the real question (which region?) behind a parse error.
                return null;
            }
        }
    }
}
