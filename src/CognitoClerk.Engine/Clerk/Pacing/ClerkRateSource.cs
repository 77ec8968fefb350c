namespace CognitoClerk.Engine.Clerk
{
    /// <summary>Where the pace of an instance's limiter comes from.</summary>
    public enum ClerkRateSource
    {
        /// <summary>Not known yet: the development limit (the lower one) is used until GET /v1/instance answers.</summary>
        Unresolved,

        /// <summary>From GET /v1/instance environment_type: 1000 per 10 s in production, 100 in development.</summary>
        Instance,

        /// <summary>GET /v1/instance could not tell (e.g. a proxy without that route): the development limit, to be safe.</summary>
        DevelopmentFallback,

        /// <summary>Set explicitly (ClerkConnectionSettings.RequestsPer10Seconds).</summary>
        Override,
    }
}
