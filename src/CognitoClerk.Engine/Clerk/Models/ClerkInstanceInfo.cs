namespace CognitoClerk.Engine.Clerk
{
    /// <summary>GET /v1/instance, the parts that matter here.</summary>
    public sealed class ClerkInstanceInfo
    {
        public string Id { get; set; } = string.Empty;

        /// <summary>development or production.</summary>
        public string EnvironmentType { get; set; } = string.Empty;

        public bool IsProduction => EnvironmentType == "production";

        /// <summary>Clerk's documented Backend API limit for this kind of instance: 1000 per 10 s in production, 100 in development.</summary>
        public int DocumentedRequestsPer10Seconds => IsProduction ? 1000 : 100;
    }
}
