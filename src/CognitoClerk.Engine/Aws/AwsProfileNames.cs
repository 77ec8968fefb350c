using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.Runtime.CredentialManagement;

namespace CognitoClerk.Engine.Aws
{
    /// <summary>
    /// The AWS profiles this machine knows, as the AWS SDK reads them: the shared config and credentials files
    /// (honouring AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE) and, on Windows, the SDK's encrypted store.
    /// For tab completion of -ProfileName, so it never throws: a file the SDK cannot read means no suggestions.
    /// </summary>
    public static class AwsProfileNames
    {
        public static IReadOnlyList<string> List()
        {
            try
            {
                return new CredentialProfileStoreChain().ListProfiles()
                    .Select(p => p.Name)
                    .Where(n => !string.IsNullOrEmpty(n))
                    .Distinct(StringComparer.Ordinal)
                    .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
                    .ToList();
            }
            catch (Exception)
            {
                // Completion must not surface errors into the admin's prompt; the cmdlet reports profile problems.
                return Array.Empty<string>();
            }
        }
    }
}
