namespace CognitoClerk.Emulators;

/// <summary>
/// How Clerk checks a password, shared by POST /v1/users/{id}/verify_password and the emulator's simulated
/// sign-in: a user still on awscognito is checked by Cognito InitiateAuth (USER_PASSWORD_AUTH, the digest's
/// client and identifier) and, once right, re-hashed locally so Cognito is never asked again; a local hash is
/// checked locally. Only a sign-in sets last_sign_in_at (verify_password is not a sign-in, as in Clerk).
/// </summary>
internal sealed class ClerkPasswordCheck : IDisposable
{
    private readonly ClerkUserStore _store;
    private readonly ClerkCognitoSignIn _cognito;
    private readonly int _hashIterations;
    private long _cognitoCalls;
    private long _passwordsMigrated;

    public ClerkPasswordCheck(ClerkUserStore store, Uri? cognitoEndpoint, int hashIterations)
    {
        _store = store;
        _cognito = new ClerkCognitoSignIn(cognitoEndpoint);
        _hashIterations = hashIterations;
    }

    public long CognitoCalls => Interlocked.Read(ref _cognitoCalls);

    public long PasswordsMigrated => Interlocked.Read(ref _passwordsMigrated);

    public void ResetCounts()
    {
        Interlocked.Exchange(ref _cognitoCalls, 0);
        Interlocked.Exchange(ref _passwordsMigrated, 0);
    }

    /// <summary>Throws 422 incorrect_password (with what Cognito answered) unless the password is the user's.</summary>
    public async Task CheckAsync(string userId, string password, CancellationToken token)
    {
        (string? hasher, string? digest, bool local) = _store.With(userId, u => (u.PasswordHasher, u.PasswordDigest, u.HasLocalPasswordHash));
        if (digest == null)
        {
            throw new ClerkEmulatorError(400, "no_password_set", "no password set", "The user does not have a password set.");
        }

        bool verified;
        string? cognitoDetail = null;
        if (local)
        {
            verified = ClerkPasswordHash.Verify(password, digest);
        }
        else if (hasher == ClerkAwsCognitoDigest.Hasher)
        {
            ClerkAwsCognitoDigest parsed = ClerkAwsCognitoDigest.TryParse(digest)!;
            Interlocked.Increment(ref _cognitoCalls);
            ClerkCognitoSignIn.Answer answer = await _cognito.InitiateAuthAsync(parsed, password, token);
            if (answer.ErrorType == "InvalidParameterException" && answer.ErrorMessage?.Contains("USER_PASSWORD_AUTH", StringComparison.Ordinal) == true)
            {
                throw new ClerkEmulatorError(400, "aws_cognito_user_password_auth_not_enabled", "USER_PASSWORD_AUTH flow not enabled",
                    "USER_PASSWORD_AUTH flow not enabled for this AWS Cognito client. Ensure that your Cognito user pool has a public client with the ALLOW_USER_PASSWORD_AUTH auth flow enabled.");
            }

            verified = answer.Authenticated;
            cognitoDetail = answer.ChallengeName != null
                ? $"Cognito answered with the {answer.ChallengeName} challenge"
                : answer.ErrorType != null ? $"Cognito answered {answer.ErrorType}" : null;
            if (verified)
            {
                Rehash(userId, digest, password);
            }
        }
        else
        {
            throw new ClerkEmulatorError(500, "internal_clerk_error", "Oops, an unexpected error occurred",
                $"The Clerk emulator cannot verify '{hasher}' digests; it verifies awscognito users and passwords it hashed itself.");
        }

        if (!verified)
        {
            throw new ClerkEmulatorError(422, "incorrect_password", "Password is incorrect. Try again, or use another method.",
                "The provided password is not the one the user has set" + (cognitoDetail == null ? "." : $" ({cognitoDetail})."));
        }
    }

    /// <summary>
    /// A real sign-in with a password: refused for a banned or locked user (before any password check, as a
    /// sign-in form would), then <see cref="CheckAsync"/>, then last_sign_in_at and last_active_at are set.
    /// </summary>
    public async Task SignInAsync(string userId, string password, CancellationToken token)
    {
        (bool banned, bool locked) = _store.With(userId, u => (u.Banned, u.Locked));
        if (banned)
        {
            throw new ClerkEmulatorError(403, "user_banned", "You are not allowed to sign in", "This user is banned and cannot sign in.");
        }

        if (locked)
        {
            throw new ClerkEmulatorError(403, "user_locked", "Your account is locked", "This user is locked and cannot sign in until the lock expires.");
        }

        await CheckAsync(userId, password, token);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        _store.With(userId, u =>
        {
            u.LastSignInAt = now;
            u.LastActiveAt = now;
            return true;
        });
    }

    public void Dispose() => _cognito.Dispose();

    private void Rehash(string userId, string digest, string password)
    {
        // As Clerk: the password is now known to be right, so keep a local hash and stop asking Cognito.
        string hash = ClerkPasswordHash.Hash(password, _hashIterations);
        bool migrated = _store.With(userId, u =>
        {
            if (u.PasswordHasher != ClerkAwsCognitoDigest.Hasher || u.PasswordDigest != digest)
            {
                return false;
            }

            u.PasswordHasher = "bcrypt";
            u.PasswordDigest = hash;
            u.HasLocalPasswordHash = true;
            u.UpdatedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            return true;
        });
        if (migrated)
        {
            Interlocked.Increment(ref _passwordsMigrated);
        }
    }
}
