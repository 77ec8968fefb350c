using System;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// What a caller knows about where the pool lives and who is asking. Everything but
    /// <see cref="UserPoolId"/> is optional; <see cref="Resolve"/> fills the gaps by the module's rules.
    /// Environment variables are the cmdlet's business: it passes their values in here.
    /// </summary>
    public sealed class CognitoConnectionSettings
    {
        public string? UserPoolId { get; set; }

        /// <summary>An explicit region: wins over the pool ID's prefix.</summary>
        public string? Region { get; set; }

        /// <summary>Used only when neither <see cref="Region"/> nor the pool ID names a region (AWS_REGION).</summary>
        public string? DefaultRegion { get; set; }

        /// <summary>A named AWS profile; null for the default credential chain (environment, AWS_PROFILE, default, SSO, ...).</summary>
        public string? ProfileName { get; set; }

        /// <summary>An explicit endpoint (cognito-local, a VPC endpoint, a proxy); null for the public AWS one.</summary>
        public string? EndpointUrl { get; set; }

        public CognitoRetryOptions Retry { get; set; } = new CognitoRetryOptions();

        /// <summary>
        /// The default pace of ListUsers (<see cref="CognitoUserPageReader"/>): 5 pages a second (300 users a second, a million users in under an hour).
        /// Cognito's ListUsers quota, 30 requests a second, is per account and Region and shared with every app of
        /// the account, production sign-up and admin tools included, and it cannot be raised; 5 leaves five sixths
        /// of it to them.
        /// </summary>
        public const double DefaultListUsersPerSecond = 5;

        /// <summary>The most ListUsers calls a second one listing may make: the whole account quota.</summary>
        public const double MaxListUsersPerSecond = 30;

        /// <summary>How long one HTTP attempt may take before it is abandoned and retried.</summary>
        public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// Told about every retry, on whatever thread the retry happens: a cmdlet must queue the event and
        /// write it from the pipeline thread. Never carries credentials or request bodies.
        /// </summary>
        public Action<CognitoRetryEvent>? OnRetry { get; set; }

        /// <summary>Applies the resolution rules; throws <see cref="CognitoConfigurationException"/> when they cannot.</summary>
        public CognitoConnection Resolve()
        {
            UserPoolIdFormat.EnsureValid(UserPoolId);
            string userPoolId = UserPoolId!.Trim();
            Uri? explicitEndpoint = ParseEndpoint(EndpointUrl);
            string region = ResolveRegion(userPoolId, explicitEndpoint != null);
            Uri endpoint = explicitEndpoint ?? CognitoEndpoints.ForRegion(region);
            return new CognitoConnection(userPoolId, region, endpoint, Normalize(ProfileName));
        }

        private string ResolveRegion(string userPoolId, bool hasExplicitEndpoint)
        {
            string? explicitRegion = Normalize(Region);
            if (explicitRegion != null)
            {
                return explicitRegion;
            }

            string prefix = UserPoolIdFormat.PrefixOf(userPoolId)!;
            if (AwsRegionName.LooksLikeRegion(prefix))
            {
                return prefix;
            }

            // The pool ID does not name a region (an emulator's "local_..."): fall back to the
            // environment, then to what the AWS SDK would pick (the profile's region).
            string? fallback = Normalize(DefaultRegion) ?? AwsRegionName.FromSdkDefaults(Normalize(ProfileName));
            if (fallback != null)
            {
                return fallback;
            }

            // Against an explicit endpoint the region only scopes the signature, and emulators accept any.
            if (hasExplicitEndpoint)
            {
                return prefix;
            }

            throw new CognitoConfigurationException(
                CognitoConfigurationProblem.RegionUnknown,
                $"The region of user pool '{userPoolId}' cannot be told from its ID, and no region was given.");
        }

        private static Uri? ParseEndpoint(string? endpointUrl)
        {
            string? text = Normalize(endpointUrl);
            if (text == null)
            {
                return null;
            }

            // The value is never repeated whole: a mistyped parameter may hold a credential (user:secret@host, a
            // key pasted into the wrong place). Messages name at most scheme, host and port.
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new CognitoConfigurationException(
                    CognitoConfigurationProblem.InvalidEndpointUrl,
                    "The Cognito endpoint URL is not an absolute http(s) URL such as https://cognito-idp.us-east-1.amazonaws.com " +
                    "(the value is not repeated here, in case it holds a secret).");
            }

            string authority = uri.GetLeftPart(UriPartial.Scheme) + uri.Host + (uri.IsDefaultPort ? string.Empty : ":" + uri.Port);
            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                throw new CognitoConfigurationException(
                    CognitoConfigurationProblem.InvalidEndpointUrl,
                    $"The Cognito endpoint URL for '{authority}' contains a user name or password, which would be sent with every " +
                    "request and shown in errors. Remove it: AWS credentials come from the environment, a profile or -ProfileName.");
            }

            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                throw new CognitoConfigurationException(
                    CognitoConfigurationProblem.InvalidEndpointUrl,
                    $"The Cognito endpoint URL '{authority}' must not have a query or fragment.");
            }

            // Session tokens travel in a header: plain HTTP is acceptable only where it never leaves the machine.
            if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
            {
                throw new CognitoConfigurationException(
                    CognitoConfigurationProblem.InvalidEndpointUrl,
                    $"'{authority}' uses plain http on a non-loopback host; use https so signed requests are not exposed.");
            }

            // The signature covers the path: JSON 1.1 services are always served at the root given.
            return uri.AbsolutePath.EndsWith("/", StringComparison.Ordinal) ? uri : new Uri(uri.AbsoluteUri + "/");
        }

        private static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }
}
