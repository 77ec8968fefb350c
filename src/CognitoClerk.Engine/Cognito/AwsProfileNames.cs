using System;
using System.Collections.Generic;
using System.Linq;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// The AWS profiles this machine knows, as the AWS SDK reads them (<see cref="AwsProfileStore"/>: the shared
    /// config and credentials files, and on Windows the SDK's encrypted store), for tab completion of
    /// -ProfileName. Never throws: a file the SDK cannot read means no suggestions, not an error at the prompt.
    /// </summary>
    public static class AwsProfileNames
    {
        public static IReadOnlyList<string> List()
        {
            try
            {
                return AwsProfileStore.Open().ListProfiles()
                    .Select(p => p.Name)
                    .Where(n => !string.IsNullOrEmpty(n))
                    .Distinct(StringComparer.Ordinal)
                    .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
                    .ToList();
            }
            catch (Exception)
            {
                // The cmdlet itself reports a broken profile when it is used; completion stays quiet.
                return Array.Empty<string>();
            }
        }
    }
}
