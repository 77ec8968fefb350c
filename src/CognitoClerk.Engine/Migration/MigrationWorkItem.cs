using System.Linq;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Text;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// One user to migrate: the CreateUser payload plus who the user is in Cognito, for reports and
    /// the journal. <see cref="State"/> is the caller's own object (the cmdlet's pipeline input),
    /// handed back untouched with the outcome so errors can name their TargetObject.
    /// </summary>
    public sealed class MigrationWorkItem
    {
        public MigrationWorkItem(ClerkCreateUserRequest request, string? cognitoUsername, string? userPoolId, object? state = null)
        {
            Request = request ?? throw new System.ArgumentNullException(nameof(request));
            CognitoUsername = cognitoUsername;
            UserPoolId = userPoolId;
            State = state;
        }

        public ClerkCreateUserRequest Request { get; }

        public string? CognitoUsername { get; }

        public string? UserPoolId { get; }

        public object? State { get; }

        /// <summary>The Cognito sub: the key that makes re-runs idempotent.</summary>
        public string? ExternalId => string.IsNullOrEmpty(Request.ExternalId) ? null : Request.ExternalId;

        /// <summary>The primary email, for reports.</summary>
        public string? Email => Request.EmailAddress?.FirstOrDefault();

        /// <summary>
        /// Who this is, in words, for reasons and errors (never a secret: username, sub or email), with control
        /// characters escaped and a very long value shortened, so it is safe to print.
        /// </summary>
        public string DisplayName => ConsoleText.Escape(CognitoUsername ?? ExternalId ?? Email ?? "(unnamed user)");

        /// <summary>"Cognito user 'ann' (ann@example.com, external_id 3c42...)": for confirmation prompts, progress and errors; escaped.</summary>
        public string Description
        {
            get
            {
                string text = $"Cognito user '{DisplayName}'";
                var details = new System.Collections.Generic.List<string>();
                if (Email != null)
                {
                    details.Add(ConsoleText.Escape(Email));
                }

                if (ExternalId != null)
                {
                    details.Add("external_id " + ConsoleText.Escape(ExternalId));
                }

                return details.Count == 0 ? text : text + " (" + string.Join(", ", details) + ")";
            }
        }

        /// <summary>
        /// Set by the runner when the journal claims an earlier run finished this user: confirmed by the lookup
        /// before it is believed.
        /// </summary>
        internal JournalClaim? JournalClaim { get; set; }
    }
}
