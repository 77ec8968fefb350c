using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Text;

namespace CognitoClerk.Engine.Validation
{
    /// <summary>
    /// The two steps of a one-user validation, run separately so the caller can ask before each one
    /// (each is a sign-in attempt). The password is a parameter of the call that needs it and is never
    /// kept, logged or put in a result.
    /// </summary>
    public sealed class MigratedUserValidator
    {
        private static readonly Regex E164 = new Regex(@"^\+[1-9][0-9]{4,14}$", RegexOptions.CultureInvariant);

        private readonly ICognitoIdentityProvider _cognito;
        private readonly IClerkBackendApi? _clerk;

        /// <param name="clerk">Null when no Clerk key was given: the Clerk step does not run.</param>
        public MigratedUserValidator(ICognitoIdentityProvider cognito, IClerkBackendApi? clerk)
        {
            _cognito = cognito ?? throw new ArgumentNullException(nameof(cognito));
            _clerk = clerk;
        }

        public bool CanAskClerk => _clerk != null;

        /// <summary>
        /// Why Clerk must not be asked after this Cognito answer, or null when it may be: after a wrong password,
        /// Clerk would ask Cognito again for a user still on the awscognito hasher, a second failed attempt
        /// toward the user's lockout.
        /// </summary>
        public static ClerkPasswordStep? ClerkStepBlockedBy(CognitoSignInStep cognito) =>
            cognito.Status == CognitoSignInStatus.WrongPassword
                ? ClerkPasswordStep.NotRun(
                    "Not run: Cognito refused the password, and for a user still on the awscognito hasher Clerk would ask Cognito again, adding a second failed attempt toward the user's lockout.")
                : null;

        /// <summary>
        /// The Clerk step when <see cref="FindClerkUserAsync"/> found nobody: not a failure, the user is simply not
        /// migrated yet. Unless the search lacked the sub because the Cognito user could not be read: the migration
        /// gives every Clerk user the sub as external_id, so a migrated user may still be there, and saying "not
        /// migrated" (which passes) would be a guess; then the step failed, and says why.
        /// </summary>
        public static ClerkPasswordStep NotInClerk(MigratedUserTarget target)
        {
            if (target.ExternalId == null && target.CognitoReadProblem != null)
            {
                return new ClerkPasswordStep(
                    ClerkPasswordStatus.Failed,
                    null,
                    $"No Clerk user has {target.ClerkKeys}, but the Clerk user the migration created is found by the Cognito sub, and the Cognito user could not be read to learn it ({target.CognitoReadProblem}). Whether the user is migrated is unknown: validate again once Cognito can be read, or pass the user's digest or Cognito user, which carry the sub.");
            }

            return new ClerkPasswordStep(
                ClerkPasswordStatus.UserNotInClerk,
                null,
                $"No Clerk user has {target.ClerkKeys}: migrate the user first, then validate again.");
        }

        /// <summary>The Clerk step when Clerk could not be asked at all (not a refused key: that stops every user).</summary>
        public static ClerkPasswordStep Unanswered(Exception exception)
        {
            var api = exception as ClerkApiException;
            return new ClerkPasswordStep(ClerkPasswordStatus.Failed, null, "Clerk could not be asked: " + exception.Message, api?.Code, api?.TraceId);
        }

        /// <summary>
        /// InitiateAuth USER_PASSWORD_AUTH with the target's client and identifier: the call Clerk makes.
        /// </summary>
        /// <exception cref="CognitoServiceException">ResourceNotFoundException: the app client does not exist, which no other user would change.</exception>
        public async Task<CognitoSignInStep> SignInToCognitoAsync(MigratedUserTarget target, string password, CancellationToken cancellationToken)
        {
            CognitoPasswordCheck check;
            try
            {
                check = await _cognito.CheckPasswordAsync(target.ClientId, target.Identifier, password, cancellationToken).ConfigureAwait(false);
            }
            catch (CognitoServiceException ex) when (ex.ErrorType != "ResourceNotFoundException")
            {
                return new CognitoSignInStep(
                    CognitoSignInStatus.Failed,
                    null,
                    $"Cognito refused the call: {ex.ErrorType}: {ex.ServiceMessage}. Clerk's sign-in would fail the same way.");
            }
            catch (Exception ex) when (!(ex is CognitoServiceException) && !cancellationToken.IsCancellationRequested)
            {
                return new CognitoSignInStep(CognitoSignInStatus.Failed, null, "Cognito could not be asked: " + ex.Message);
            }

            string said = string.IsNullOrEmpty(check.Message) ? string.Empty : $" (Cognito: {check.Message})";
            switch (check.Outcome)
            {
                case CognitoPasswordOutcome.Authenticated:
                    return new CognitoSignInStep(
                        CognitoSignInStatus.Authenticated,
                        null,
                        $"Cognito accepted {ConsoleText.Quote(target.Identifier)} and the password through client {target.ClientId}: Clerk's sign-in with this digest would succeed.");
                case CognitoPasswordOutcome.Challenge:
                    return new CognitoSignInStep(CognitoSignInStatus.Challenge, check.ChallengeName, DescribeChallenge(check.ChallengeName));
                case CognitoPasswordOutcome.WrongPassword:
                    return new CognitoSignInStep(
                        CognitoSignInStatus.WrongPassword,
                        null,
                        "Cognito refused the sign-in" + said + ": a wrong password, or a disabled user, or a user Cognito hides because the client prevents user-existence errors. Clerk's sign-in would be refused too. Each wrong attempt counts toward Cognito's lockout of this user.");
                case CognitoPasswordOutcome.UserNotFound:
                    return new CognitoSignInStep(
                        CognitoSignInStatus.UserNotFound,
                        null,
                        $"Cognito has no user {ConsoleText.Quote(target.Identifier)}{said}: the identifier is not a name this pool accepts for sign-in, so Clerk's sign-in would fail.");
                case CognitoPasswordOutcome.UserNotConfirmed:
                    return new CognitoSignInStep(
                        CognitoSignInStatus.UserNotConfirmed,
                        null,
                        "The user never confirmed their sign-up (UNCONFIRMED)" + said + ": Cognito refuses them whatever the password, so Clerk's sign-in would fail.");
                default:
                    return new CognitoSignInStep(
                        CognitoSignInStatus.PasswordResetRequired,
                        null,
                        "Cognito requires a password reset for this user (RESET_REQUIRED)" + said + ": Clerk's sign-in would fail; the user must reset their password in Clerk.");
            }
        }

        /// <summary>
        /// For a target known only by its identifier: reads the Cognito user (ListUsers with a filter, a signed
        /// read) to learn the sub, email and phone that find the user in Clerk. Returns what happened, for
        /// Write-Verbose; a failure (no credentials, no permission) leaves the target as it was.
        /// </summary>
        public async Task<string> CompleteFromCognitoAsync(MigratedUserTarget target, CancellationToken cancellationToken)
        {
            if (!string.IsNullOrEmpty(target.ExternalId))
            {
                return "The input named the user's sub.";
            }

            if (target.Identifier.IndexOf('"') >= 0 || target.Identifier.IndexOf('\\') >= 0)
            {
                return $"{ConsoleText.Quote(target.Identifier)} cannot be put in a ListUsers filter; the user is looked up in Clerk by the identifier alone.";
            }

            var attributes = new List<string> { "username" };
            if (target.Identifier.IndexOf('@') > 0)
            {
                attributes.Add(CognitoAttributeNames.Email);
            }

            if (E164.IsMatch(target.Identifier))
            {
                attributes.Add(CognitoAttributeNames.PhoneNumber);
            }

            try
            {
                foreach (string attribute in attributes)
                {
                    CognitoUserPage page = await _cognito
                        .ListUsersAsync(target.UserPoolId, $"{attribute} = \"{target.Identifier}\"", null, cancellationToken)
                        .ConfigureAwait(false);
                    CognitoUser? user = page.Users.FirstOrDefault();
                    if (user != null)
                    {
                        target.ExternalId = user.GetAttribute(CognitoAttributeNames.Sub);
                        target.Email ??= user.GetAttribute(CognitoAttributeNames.Email);
                        target.PhoneNumber ??= user.GetAttribute(CognitoAttributeNames.PhoneNumber);
                        return $"Cognito user {ConsoleText.Quote(user.Username)} found by {attribute}: sub {target.ExternalId}.";
                    }
                }

                return $"No Cognito user has {ConsoleText.Quote(target.Identifier)} as {string.Join(" or ", attributes)}.";
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                target.CognitoReadProblem = ex.Message;
                return $"The Cognito user could not be read to learn their sub ({ex.Message}); the user is looked up in Clerk by the identifier alone.";
            }
        }

        /// <summary>The Clerk user the migration created for this target: by external_id first, then by email or phone.</summary>
        public async Task<ClerkUser?> FindClerkUserAsync(MigratedUserTarget target, CancellationToken cancellationToken)
        {
            IClerkBackendApi clerk = _clerk ?? throw new InvalidOperationException("No Clerk client.");

            // Without a sub from the input, the identifier may still be one: in email- or phone-as-username
            // pools the Cognito Username is the sub, which the migration sent as external_id.
            string externalId = string.IsNullOrEmpty(target.ExternalId) ? target.Identifier : target.ExternalId!;
            IReadOnlyList<ClerkUser> byExternalId = await clerk
                .FindUsersByExternalIdAsync(new[] { externalId }, cancellationToken)
                .ConfigureAwait(false);
            ClerkUser? match = byExternalId.FirstOrDefault(u => string.Equals(u.ExternalId, externalId, StringComparison.Ordinal));
            if (match != null)
            {
                return match;
            }

            string? email = target.Email ?? (target.Identifier.IndexOf('@') > 0 ? target.Identifier : null);
            string? phone = target.PhoneNumber ?? (E164.IsMatch(target.Identifier) ? target.Identifier : null);
            if (email == null && phone == null)
            {
                return null;
            }

            IReadOnlyList<ClerkUser> byIdentifier = await clerk
                .FindUsersByIdentifierAsync(email == null ? Array.Empty<string>() : new[] { email }, phone == null ? Array.Empty<string>() : new[] { phone }, cancellationToken)
                .ConfigureAwait(false);
            return byIdentifier.FirstOrDefault();
        }

        /// <summary>POST /v1/users/{id}/verify_password.</summary>
        /// <exception cref="ClerkApiException">The key was refused (401/403): no other user would fare better.</exception>
        public async Task<ClerkPasswordStep> VerifyInClerkAsync(ClerkUser user, string password, CancellationToken cancellationToken)
        {
            IClerkBackendApi clerk = _clerk ?? throw new InvalidOperationException("No Clerk client.");
            try
            {
                bool verified = await clerk.VerifyPasswordAsync(user.Id, password, cancellationToken).ConfigureAwait(false);
                return verified
                    ? new ClerkPasswordStep(
                        ClerkPasswordStatus.Verified,
                        user.Id,
                        $"Clerk accepted the password for {user.Id}. A user still on the awscognito hasher was checked through Cognito, as at a sign-in.")
                    : IncorrectPassword(user.Id, null, null, null);
            }
            catch (ClerkApiException ex) when (!ex.IsAuthenticationFailure)
            {
                if (ex.Code == "incorrect_password" || ex.StatusCode == 422)
                {
                    return IncorrectPassword(user.Id, ex.Code, ex.TraceId, ex.Message);
                }

                if (ex.Code == "no_password_set" || ex.StatusCode == 400)
                {
                    return new ClerkPasswordStep(
                        ClerkPasswordStatus.NoPasswordSet,
                        user.Id,
                        $"Clerk user {user.Id} has no password: it was created without the awscognito digest, or its password was removed. Clerk: {ex.Message}",
                        ex.Code,
                        ex.TraceId);
                }

                if (ex.StatusCode == 404)
                {
                    return new ClerkPasswordStep(ClerkPasswordStatus.UserNotInClerk, user.Id, $"Clerk user {user.Id} no longer exists.", ex.Code, ex.TraceId);
                }

                return new ClerkPasswordStep(ClerkPasswordStatus.Failed, user.Id, "verify_password failed: " + ex.Message, ex.Code, ex.TraceId);
            }
            catch (Exception ex) when (!(ex is ClerkApiException) && !cancellationToken.IsCancellationRequested)
            {
                return new ClerkPasswordStep(ClerkPasswordStatus.Failed, user.Id, "Clerk could not be asked: " + ex.Message);
            }
        }

        private static ClerkPasswordStep IncorrectPassword(string userId, string? code, string? traceId, string? clerkSaid) =>
            new ClerkPasswordStep(
                ClerkPasswordStatus.IncorrectPassword,
                userId,
                $"Clerk refused the password for {userId}: the user could not sign in to Clerk with it." + (clerkSaid == null ? string.Empty : " " + clerkSaid),
                code ?? "incorrect_password",
                traceId);

        private static string DescribeChallenge(string? challenge)
        {
            string name = challenge ?? "an unnamed challenge";
            string why;
            switch (challenge)
            {
                case "NEW_PASSWORD_REQUIRED":
                    why = "the user must choose a new password first (FORCE_CHANGE_PASSWORD: created by an admin and never signed in)";
                    break;
                case "MFA_SETUP":
                    why = "the pool requires MFA and the user has not set it up";
                    break;
                case "SMS_MFA":
                case "SOFTWARE_TOKEN_MFA":
                case "EMAIL_OTP":
                case "SMS_OTP":
                case "SELECT_MFA_TYPE":
                    why = "the user has MFA";
                    break;
                default:
                    why = "Cognito wants more than the password";
                    break;
            }

            return $"Cognito answered with the challenge {name} instead of tokens: {why}. Clerk cannot answer a challenge, so this user's Clerk sign-in would fail; plan a password reset in Clerk for them.";
        }
    }
}
