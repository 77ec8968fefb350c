using System;

namespace CognitoClerk.Engine.Readiness
{
    /// <summary>
    /// One pre-flight check: what was checked (<see cref="Name"/>, stable for scripts), whether it passed,
    /// how much it matters, what was found and, when it failed, how to fix it.
    /// </summary>
    public sealed class ReadinessCheckResult
    {
        private ReadinessCheckResult(string name, bool passed, bool skipped, ReadinessSeverity severity, string detail, string? fix, string? setting)
        {
            Setting = setting;
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Passed = passed;
            Skipped = skipped;
            Severity = severity;
            Detail = detail ?? throw new ArgumentNullException(nameof(detail));
            Fix = fix;
        }

        /// <summary>One of <see cref="ReadinessCheckNames"/>.</summary>
        public string Name { get; }

        public bool Passed { get; }

        /// <summary>The check could not run (no key given, or a check it depends on failed); never passed.</summary>
        public bool Skipped { get; }

        public ReadinessSeverity Severity { get; }

        public string Detail { get; }

        /// <summary>What to do, with the exact command where one helps; null when there is nothing to fix.</summary>
        public string? Fix { get; }

        /// <summary>
        /// The setting of the migration the fix is about (one of <see cref="ReadinessSettings"/>), or null: the check explains
        /// in the domain's words, the caller adds how its user sets it.
        /// </summary>
        public string? Setting { get; }

        /// <summary>A failed check that stops Clerk's sign-ins or the migration.</summary>
        public bool IsBlocking => !Passed && !Skipped && Severity == ReadinessSeverity.Error;

        /// <summary>A passed check; <paramref name="fix"/> may still carry advice.</summary>
        public static ReadinessCheckResult Pass(string name, string detail, string? fix = null, string? setting = null) =>
            new ReadinessCheckResult(name, true, false, ReadinessSeverity.Info, detail, fix, setting);

        public static ReadinessCheckResult Fail(string name, ReadinessSeverity severity, string detail, string? fix, string? setting = null) =>
            new ReadinessCheckResult(name, false, false, severity, detail, fix, setting);

        public static ReadinessCheckResult Skip(string name, string reason, string? setting = null) =>
            new ReadinessCheckResult(name, false, true, ReadinessSeverity.Info, "Skipped: " + reason, null, setting);

        public override string ToString() => $"{Name}: {(Passed ? "passed" : Skipped ? "skipped" : Severity.ToString())}";
    }
}
