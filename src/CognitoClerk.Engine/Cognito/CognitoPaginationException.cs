using System;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// A paginated Cognito listing (ListUsers, ListGroups, ListUsersInGroup) handed back a token it had already
    /// handed back earlier in the same token chain (the same token twice in a row, or a cycle A, B, A): following
    /// it would read the same pages again, forever. Real Cognito never does; a broken proxy or emulator might.
    /// </summary>
    public sealed class CognitoPaginationException : Exception
    {
        /// <param name="operation">ListUsers, ListGroups or ListUsersInGroup.</param>
        /// <param name="tokenName">PaginationToken or NextToken, as the operation calls it.</param>
        /// <param name="page">The page (1-based, within its token chain) whose answer repeated a token.</param>
        /// <param name="firstSeenOnPage">The page that first gave that token.</param>
        public CognitoPaginationException(string operation, string tokenName, string userPoolId, int page, int firstSeenOnPage)
            : base($"Cognito {operation} for {userPoolId} answered page {page} with a {tokenName} it had already given on page {firstSeenOnPage}; " +
                   "following it would read the same pages again in an endless loop, so the listing stopped. What was read before is complete " +
                   "and correct; whatever answers at the endpoint (a proxy, an emulator) is not paging as Cognito does.")
        {
            Operation = operation;
            UserPoolId = userPoolId;
            Page = page;
            FirstSeenOnPage = firstSeenOnPage;
        }

        public string Operation { get; }

        public string UserPoolId { get; }

        /// <summary>The page (1-based, within its token chain) whose answer repeated a token.</summary>
        public int Page { get; }

        /// <summary>The page (1-based) that first gave that token.</summary>
        public int FirstSeenOnPage { get; }
    }
}
