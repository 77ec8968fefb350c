using System.Threading;
using System.Threading.Tasks;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// The Cognito user-pool operations the module uses, over AWS JSON 1.1. Errors are thrown as
    /// <see cref="CognitoServiceException"/> after throttling and 5xx answers were retried.
    /// </summary>
    public interface ICognitoIdentityProvider
    {
        /// <summary>One ListUsers page (up to 60 users; may be short or empty while a token follows).</summary>
        Task<CognitoUserPage> ListUsersAsync(string userPoolId, string? filter, string? paginationToken, CancellationToken cancellationToken);

        /// <summary>One ListGroups page (up to 60 groups); a null NextToken ends the list.</summary>
        Task<CognitoGroupPage> ListGroupsAsync(string userPoolId, string? nextToken, CancellationToken cancellationToken);

        /// <summary>
        /// One ListUsersInGroup page (up to 60 members, in ListUsers' shape); its PaginationToken carries
        /// Cognito's NextToken. May be short or empty while a token follows, as ListUsers pages may.
        /// </summary>
        Task<CognitoUserPage> ListUsersInGroupAsync(string userPoolId, string groupName, string? nextToken, CancellationToken cancellationToken);

        Task<CognitoUserPool> DescribeUserPoolAsync(string userPoolId, CancellationToken cancellationToken);

        Task<CognitoUserPoolClient> DescribeUserPoolClientAsync(string userPoolId, string clientId, CancellationToken cancellationToken);

        /// <summary>
        /// InitiateAuth with USER_PASSWORD_AUTH, unsigned: exactly the call Clerk makes at a migrated user's
        /// first sign-in. Tokens in the answer are discarded, never returned.
        /// </summary>
        Task<CognitoPasswordCheck> CheckPasswordAsync(string clientId, string username, string password, CancellationToken cancellationToken);
    }
}
