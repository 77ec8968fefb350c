using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace CognitoClerk.Completion
{
    /// <summary>
    /// Tab completion for -Region. The Region of the pool the admin already named (-UserPoolId on the same
    /// line, else COGNITO_USER_POOL_ID) comes first, because that is almost always the right answer; then
    /// every Cognito Region whose code starts with, or whose name contains, what was typed ("eu-", "Ireland").
    /// </summary>
    public sealed class CognitoRegionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName,
            string parameterName,
            string wordToComplete,
            CommandAst commandAst,
            IDictionary fakeBoundParameters)
        {
            string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            string? poolRegion = CognitoRegions.FromUserPoolId(BoundUserPoolId(fakeBoundParameters) ?? EnvironmentDefaults.UserPoolId);

            IEnumerable<KeyValuePair<string, string>> matches = CognitoRegions.All.Where(r => Matches(r, typed));
            if (poolRegion != null)
            {
                // Stable sort: the pool's Region moves to the front, the rest keep their order.
                matches = matches.OrderBy(r => string.Equals(r.Key, poolRegion, StringComparison.OrdinalIgnoreCase) ? 0 : 1);
            }

            foreach (KeyValuePair<string, string> region in matches)
            {
                yield return new CompletionResult(region.Key, region.Key, CompletionResultType.ParameterValue, region.Key + " - " + region.Value);
            }
        }

        private static bool Matches(KeyValuePair<string, string> region, string typed) =>
            typed.Length == 0
            || region.Key.StartsWith(typed, StringComparison.OrdinalIgnoreCase)
            || region.Value.IndexOf(typed, StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>The -UserPoolId typed on the same command line, when it is a literal (completion never runs script).</summary>
        private static string? BoundUserPoolId(IDictionary fakeBoundParameters)
        {
            object? value = fakeBoundParameters?["UserPoolId"];
            return (value is PSObject wrapped ? wrapped.BaseObject : value) as string;
        }
    }
}
