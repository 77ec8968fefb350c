namespace CognitoClerk.Engine.Migration
{
    /// <summary>How a <see cref="MigrationSession"/> started: the rate it paces at and how many requests it keeps in flight.</summary>
    public sealed class MigrationStart
    {
        public MigrationStart(int requestsPer10Seconds, int throttleLimit)
        {
            RequestsPer10Seconds = requestsPer10Seconds;
            ThrottleLimit = throttleLimit;
        }

        public int RequestsPer10Seconds { get; }

        public int ThrottleLimit { get; }
    }
}
