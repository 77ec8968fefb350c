using System.Collections.Generic;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>One ListUsers answer. A null token means the last page.</summary>
    public sealed class CognitoUserPage
    {
        public CognitoUserPage(IReadOnlyList<CognitoUser> users, string? paginationToken)
        {
            Users = users;
            PaginationToken = paginationToken;
        }

        public IReadOnlyList<CognitoUser> Users { get; }

        public string? PaginationToken { get; }
    }
}
