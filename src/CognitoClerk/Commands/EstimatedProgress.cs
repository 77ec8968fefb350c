using System;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// A progress bar's percentage and time left against Cognito's estimate of a pool (EstimatedNumberOfUsers),
    /// for the cmdlets that read a whole pool. An estimate may be far off either way, so the bar never says 100
    /// before the listing's last page does.
    /// </summary>
    internal static class EstimatedProgress
    {
        /// <summary>Of about <paramref name="estimate"/> (more than 0), <paramref name="done"/> done: 0 to 99.</summary>
        internal static int Percent(long done, int estimate) => (int)Math.Min(99, Math.Max(0, done) * 100 / estimate);

        /// <summary>The rest of the estimate at the pace so far; -1 (the host shows none) while nothing is done yet.</summary>
        internal static int SecondsRemaining(long done, int estimate, TimeSpan elapsed)
        {
            if (done <= 0)
            {
                return -1;
            }

            double perSecond = done / Math.Max(elapsed.TotalSeconds, 0.001);
            return (int)Math.Min(int.MaxValue, Math.Max(0, estimate - done) / perSecond);
        }
    }
}
