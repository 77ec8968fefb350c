namespace CognitoClerk.Engine.Readiness
{
    /// <summary>How much a check's finding matters for the migration.</summary>
    public enum ReadinessSeverity
    {
        /// <summary>Nothing blocks: a passed check, a fact worth knowing, or a check that could not run.</summary>
        Info = 0,

        /// <summary>Some users may fail Clerk's sign-in, or the run may hit a limit: review before migrating.</summary>
        Warning = 1,

        /// <summary>Clerk's sign-ins will fail, or the migration cannot run, until this is fixed.</summary>
        Error = 2,
    }
}
