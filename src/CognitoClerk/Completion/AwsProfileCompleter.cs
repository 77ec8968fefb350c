using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Completion
{
    /// <summary>
    /// Tab completion for -ProfileName: the profiles in the admin's AWS config and credentials files, read by
    /// the AWS SDK (in the engine, inside the module's load context), never by a parser of our own.
    /// </summary>
    public sealed class AwsProfileCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName,
            string parameterName,
            string wordToComplete,
            CommandAst commandAst,
            IDictionary fakeBoundParameters)
        {
            string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return AwsProfileNames.List()
                .Where(name => name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(name => new CompletionResult(Quote(name), name, CompletionResultType.ParameterValue, "AWS profile " + name));
        }

        /// <summary>Profile names may contain spaces; such a name must be quoted to stay one argument.</summary>
        private static string Quote(string name) =>
            name.Any(c => char.IsWhiteSpace(c) || c == '\'' || c == '$' || c == '`' || c == '"')
                ? "'" + name.Replace("'", "''") + "'"
                : name;
    }
}
