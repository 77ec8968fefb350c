using System;
using System.Collections.Generic;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>One ListUsers answer. A null token means the last page.</summary>
    public sealed class CognitoUserPage
    {
        public CognitoUserPage(IReadOnlyList<CognitoUser> users, string? paginationToken)
            : this(users, paginationToken, Array.Empty<CognitoRejectedRecord>())
        {
        }

        public CognitoUserPage(IReadOnlyList<CognitoUser> users, string? paginationToken, IReadOnlyList<CognitoRejectedRecord> rejected)
        {
            Users = users;
            PaginationToken = paginationToken;
            Rejected = rejected ?? Array.Empty<CognitoRejectedRecord>();
        }

        public IReadOnlyList<CognitoUser> Users { get; }

        public string? PaginationToken { get; }

        /// <summary>Entries of the page that are not readable users: one error each for the caller, not the end of the listing.</summary>
        public IReadOnlyList<CognitoRejectedRecord> Rejected { get; }
    }
}
