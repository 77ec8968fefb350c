using System;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// ListUsers handed back the PaginationToken it was given, which would loop forever over the same page.
    /// Real Cognito never does; a broken proxy or emulator might.
    /// </summary>
    public sealed class CognitoPaginationException : Exception
    {
        public CognitoPaginationException(string userPoolId, int pagesRead)
            : this("ListUsers", "PaginationToken", userPoolId, pagesRead)
        {
        }

        /// <param name="operation">ListUsers, ListGroups or ListUsersInGroup.</param>
        /// <param name="tokenName">PaginationToken or NextToken, as the operation calls it.</param>
        public CognitoPaginationException(string operation, string tokenName, string userPoolId, int pagesRead)
            : base($"Cognito {operation} for {userPoolId} returned the same {tokenName} it was given after {pagesRead} pages; stopping to avoid an endless loop.")
        {
            UserPoolId = userPoolId;
        }

        public string UserPoolId { get; }
    }
}
