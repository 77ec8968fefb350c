using System;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// The run stopped for a reason that would fail every later user too (a rejected secret key, the
    /// instance's user quota, a journal that cannot be written). Thrown once, to the caller draining
    /// outcomes, after every outcome known before the stop has been handed out.
    /// </summary>
    public sealed class MigrationAbortedException : Exception
    {
        public MigrationAbortedException(Exception cause)
            : base(cause?.Message ?? "The migration stopped.", cause)
        {
        }
    }
}
