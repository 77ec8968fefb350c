using System;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>The public Cognito user-pool endpoints (AWS JSON 1.1, always POST to the root).</summary>
    public static class CognitoEndpoints
    {
        public static Uri ForRegion(string region)
        {
            if (string.IsNullOrWhiteSpace(region))
            {
                throw new ArgumentException("A region is required.", nameof(region));
            }

            string normalized = region.Trim().ToLowerInvariant();

            // The China partition has its own DNS suffix.
            string suffix = normalized.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
            return new Uri($"https://cognito-idp.{normalized}.{suffix}/");
        }
    }
}
