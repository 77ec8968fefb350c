using System;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>What <see cref="CognitoDateText.Parse"/> made of a text.</summary>
    public sealed class CognitoDateTextResult
    {
        public static readonly CognitoDateTextResult Absent = new CognitoDateTextResult(CognitoDateTextKind.Absent, null, null);

        public static readonly CognitoDateTextResult Invalid = new CognitoDateTextResult(CognitoDateTextKind.Invalid, null, null);

        private CognitoDateTextResult(CognitoDateTextKind kind, DateTimeOffset? value, DateTimeOffset? alternative)
        {
            Kind = kind;
            Value = value;
            Alternative = alternative;
        }

        public CognitoDateTextKind Kind { get; }

        /// <summary>The date (UTC), or for Ambiguous the reading in the admin's culture.</summary>
        public DateTimeOffset? Value { get; }

        /// <summary>For Ambiguous: the other reading (invariant, month-first).</summary>
        public DateTimeOffset? Alternative { get; }

        public static CognitoDateTextResult Date(DateTimeOffset value) => new CognitoDateTextResult(CognitoDateTextKind.Date, value.ToUniversalTime(), null);

        public static CognitoDateTextResult Ambiguous(DateTimeOffset one, DateTimeOffset other) =>
            new CognitoDateTextResult(CognitoDateTextKind.Ambiguous, one.ToUniversalTime(), other.ToUniversalTime());
    }
}
