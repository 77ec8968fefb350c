using System;
using System.Collections.Generic;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>What DescribeUserPoolClient says about an app client. The secret itself is never kept.</summary>
    public sealed class CognitoUserPoolClient
    {
        public string ClientId { get; set; } = string.Empty;

        public string? ClientName { get; set; }

        /// <summary>A client with a secret cannot be used: the awscognito digest has no place for it.</summary>
        public bool HasClientSecret { get; set; }

        public IReadOnlyList<string> ExplicitAuthFlows { get; set; } = Array.Empty<string>();

        public string? PreventUserExistenceErrors { get; set; }
    }
}
