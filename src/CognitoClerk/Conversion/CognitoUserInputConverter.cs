using System.Collections.Generic;
using System.Management.Automation;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// Cognito users given to New-ClerkMigratedUser directly, converted exactly as ConvertTo-ClerkCognitoDigest
    /// converts them, with the same parameters. Created on the first such user only: digest input needs no
    /// client ID.
    /// </summary>
    internal sealed class CognitoUserInputConverter
    {
        internal const string InputNotCognitoUser = "InputNotCognitoUser";

        /// <param name="identifierSource">A name of <see cref="IdentifierSource"/> (validated by the cmdlet).</param>
        internal CognitoUserInputConverter(string? clientId, string? userPoolId, string identifierSource, bool includeUsername)
        {
            IdentifierSource source = (IdentifierSource)System.Enum.Parse(typeof(IdentifierSource), identifierSource, ignoreCase: true);
        }

        // Placeholder until the digest slice's shared DigestPipeline lands in main.
        internal IEnumerable<MigrationInput> Convert(PSObject input)
        {
            var error = new ErrorRecord(
                new System.ArgumentException("Pass ClerkCognitoDigest objects (ConvertTo-ClerkCognitoDigest output)."),
                InputNotCognitoUser,
                ErrorCategory.InvalidType,
                input.BaseObject);
            yield return MigrationInput.NotSendable(input.BaseObject, error, InputNotCognitoUser);
        }
    }
}
