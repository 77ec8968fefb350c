namespace CognitoClerk.Engine.Cognito
{
    /// <summary>What a timestamp text turned out to be.</summary>
    public enum CognitoDateTextKind
    {
        /// <summary>Blank: no date, and nothing wrong.</summary>
        Absent,

        Date,

        /// <summary>Readable two ways with different results: not guessed.</summary>
        Ambiguous,

        /// <summary>Not a date in any form the module reads.</summary>
        Invalid,
    }
}
