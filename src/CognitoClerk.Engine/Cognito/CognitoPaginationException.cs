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
            : base($"Cognito ListUsers for {userPoolId} returned the same PaginationToken it was given after {pagesRead} pages; stopping to avoid an endless loop.")
        {
            UserPoolId = userPoolId;
        }

        public string UserPoolId { get; }
    }
}
