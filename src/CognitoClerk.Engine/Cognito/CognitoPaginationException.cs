using System;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// ListUsers handed back a PaginationToken it had already handed back earlier in the same listing (the same
    /// token twice in a row, or a cycle A, B, A): following it would list the same users again, forever. Real
    /// Cognito never does; a broken proxy or emulator might.
    /// </summary>
    public sealed class CognitoPaginationException : Exception
    {
        public CognitoPaginationException(string userPoolId, int page, int firstSeenOnPage)
            : base($"Cognito ListUsers for {userPoolId} answered page {page} with a PaginationToken it had already given on page {firstSeenOnPage}; " +
                   "following it would read the same users again in an endless loop, so the listing stopped. The users already written are complete " +
                   "and correct; whatever answers at the endpoint (a proxy, an emulator) is not paging as Cognito does.")
        {
            UserPoolId = userPoolId;
            Page = page;
            FirstSeenOnPage = firstSeenOnPage;
        }

        public string UserPoolId { get; }

        /// <summary>The page (1-based) whose answer repeated a token.</summary>
        public int Page { get; }

        /// <summary>The page (1-based) that first gave that token.</summary>
        public int FirstSeenOnPage { get; }
    }
}
