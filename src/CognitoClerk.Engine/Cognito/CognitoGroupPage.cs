using System.Collections.Generic;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>One ListGroups answer. A null token means the last page.</summary>
    public sealed class CognitoGroupPage
    {
        public CognitoGroupPage(IReadOnlyList<CognitoGroup> groups, string? nextToken)
        {
            Groups = groups;
            NextToken = nextToken;
        }

        public IReadOnlyList<CognitoGroup> Groups { get; }

        public string? NextToken { get; }
    }
}
