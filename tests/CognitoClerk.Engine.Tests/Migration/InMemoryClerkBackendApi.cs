using System.Collections.Concurrent;
using CognitoClerk.Engine.Clerk;

namespace CognitoClerk.Engine.Tests.Migration;

/// <summary>
/// An in-memory Clerk for runner tests: enforces Clerk's uniqueness of external_id, email, phone and
/// username with the real 422 answer, records every call, and can lose answers, fail, hang or reject the key.
/// It stands for the whole client (limiter and retries included), so a "lost answer" here is what the real
/// client reports after its own retries.
/// </summary>
public sealed class InMemoryClerkBackendApi : IClerkBackendApi
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ClerkUser> _users = new();
    private int _nextId;
    private int _inFlight;

    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Every call answers 401 clerk_key_invalid.</summary>
    public bool RejectKey { get; set; }

    /// <summary>Calls never answer until cancelled.</summary>
    public bool Hang { get; set; }

    /// <summary>Lookups fail as the client reports a transport failure after its retries.</summary>
    public bool FailLookups { get; set; }

    /// <summary>Per external_id: what goes wrong with its create (consumed on use).</summary>
    public ConcurrentDictionary<string, CreateFault> CreateFaults { get; } = new();

    public ConcurrentQueue<int> ExternalIdLookupSizes { get; } = new();

    /// <summary>Per Clerk user id: the exception its DELETE throws (consumed on use).</summary>
    public ConcurrentDictionary<string, Exception> DeleteFaults { get; } = new();

    public ConcurrentQueue<int> UserIdLookupSizes { get; } = new();

    public int UserIdLookupCalls;
    public int DeleteCalls;

    public int CreateCalls;
    public int ExternalIdLookupCalls;
    public int IdentifierLookupCalls;
    public int CancelledCalls;
    public int MaxInFlight;

    public int TotalCalls => CreateCalls + ExternalIdLookupCalls + IdentifierLookupCalls;

    public IReadOnlyList<ClerkUser> Users
    {
        get
        {
            lock (_gate)
            {
                return _users.Values.ToList();
            }
        }
    }

    /// <summary>A user that exists in Clerk before the run (migrated earlier, or someone else's).</summary>
    public ClerkUser Seed(string? externalId, string? email = null, string? phone = null, string? username = null)
    {
        lock (_gate)
        {
            var user = new ClerkUser
            {
                Id = "user_" + (++_nextId).ToString("D6"),
                ExternalId = externalId,
                EmailAddresses = email == null ? Array.Empty<string>() : new[] { email },
                PhoneNumbers = phone == null ? Array.Empty<string>() : new[] { phone },
                Username = username,
                PasswordEnabled = true,
            };
            _users.Add(user.Id, user);
            return user;
        }
    }

    public async Task<ClerkInstanceInfo> GetInstanceAsync(CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        Leave();
        return new ClerkInstanceInfo { Id = "ins_fake", EnvironmentType = "development" };
    }

    /// <summary>What a development instance allows, unless a test says otherwise.</summary>
    public int RequestsPer10Seconds { get; set; } = 100;

    public async Task<int> GetRequestsPer10SecondsAsync(CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        Leave();
        return RequestsPer10Seconds;
    }

    public async Task<ClerkUser> CreateUserAsync(ClerkCreateUserRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref CreateCalls);
        await EnterAsync(cancellationToken);
        try
        {
            CreateFault fault = CreateFault.None;
            if (request.ExternalId != null && CreateFaults.TryRemove(request.ExternalId, out CreateFault f))
            {
                fault = f;
            }

            switch (fault)
            {
                case CreateFault.TransportFailureBeforeStore:
                    throw new HttpRequestException("Connection reset by peer (injected).");
                case CreateFault.Rejected:
                    throw new ClerkApiException(422, "form_param_format_invalid", "is invalid", "email_address must be a valid email address.", "email_address", "trace-rejected");
                case CreateFault.ServerError:
                    throw new ClerkApiException(503, null, "Service Unavailable", null, null, "trace-503");
            }

            ClerkUser created = Store(request);
            switch (fault)
            {
                case CreateFault.AnswerLostThenRetried:
                    // The client's retry of a create whose first answer was lost meets the user it stored.
                    throw Duplicate("external_id");
                case CreateFault.AnswerLostAfterRetries:
                    throw new HttpRequestException("The response ended prematurely (injected, after store).");
                case CreateFault.TimeoutAfterStore:
                    throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout (injected, after store).");
            }

            return created;
        }
        finally
        {
            Leave();
        }
    }

    public async Task<IReadOnlyList<ClerkUser>> FindUsersByExternalIdAsync(IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref ExternalIdLookupCalls);
        ExternalIdLookupSizes.Enqueue(externalIds.Count);
        await EnterAsync(cancellationToken);
        try
        {
            if (externalIds.Count > 100)
            {
                throw new ClerkApiException(422, "form_param_array_size_exceeded", "too many", "external_id takes at most 100 values.", "external_id", null);
            }

            if (FailLookups)
            {
                throw new HttpRequestException("Connection refused (injected lookup failure).");
            }

            lock (_gate)
            {
                var wanted = new HashSet<string>(externalIds, StringComparer.Ordinal);
                return _users.Values.Where(u => u.ExternalId != null && wanted.Contains(u.ExternalId)).ToList();
            }
        }
        finally
        {
            Leave();
        }
    }

    public async Task<IReadOnlyList<ClerkUser>> FindUsersByIdentifierAsync(IReadOnlyCollection<string> emailAddresses, IReadOnlyCollection<string> phoneNumbers, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref IdentifierLookupCalls);
        await EnterAsync(cancellationToken);
        try
        {
            lock (_gate)
            {
                return _users.Values.Where(u =>
                        u.EmailAddresses.Any(e => emailAddresses.Contains(e, StringComparer.OrdinalIgnoreCase)) ||
                        u.PhoneNumbers.Any(p => phoneNumbers.Contains(p, StringComparer.Ordinal)))
                    .ToList();
            }
        }
        finally
        {
            Leave();
        }
    }

    public async Task<IReadOnlyList<ClerkUser>> FindUsersByIdAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref UserIdLookupCalls);
        UserIdLookupSizes.Enqueue(userIds.Count);
        await EnterAsync(cancellationToken);
        try
        {
            if (userIds.Count > 100)
            {
                throw new ClerkApiException(422, "form_param_array_size_exceeded", "too many", "user_id takes at most 100 values.", "user_id", null);
            }

            if (FailLookups)
            {
                throw new HttpRequestException("Connection refused (injected lookup failure).");
            }

            lock (_gate)
            {
                return userIds.Where(_users.ContainsKey).Select(id => _users[id]).ToList();
            }
        }
        finally
        {
            Leave();
        }
    }

    public async Task<ClerkDeleteResult> DeleteUserAsync(string userId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref DeleteCalls);
        await EnterAsync(cancellationToken);
        try
        {
            if (DeleteFaults.TryRemove(userId, out Exception? fault))
            {
                throw fault;
            }

            lock (_gate)
            {
                return _users.Remove(userId) ? ClerkDeleteResult.Deleted : ClerkDeleteResult.NotFound;
            }
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>The user signs in to Clerk (what the removal must notice).</summary>
    public void SignIn(string userId, DateTimeOffset at)
    {
        lock (_gate)
        {
            _users[userId].LastSignInAt = at;
            _users[userId].LastActiveAt = at;
        }
    }

    /// <summary>Someone changes the user's external_id in Clerk after the migration.</summary>
    public void ChangeExternalId(string userId, string? externalId)
    {
        lock (_gate)
        {
            _users[userId].ExternalId = externalId;
        }
    }

    /// <summary>Someone deletes the user in Clerk (the Dashboard) after the migration.</summary>
    public void DeleteOutOfBand(string userId)
    {
        lock (_gate)
        {
            _users.Remove(userId);
        }
    }

    public Task<bool> VerifyPasswordAsync(string userId, string password, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not used by the runner.");

    private static ClerkApiException Duplicate(string paramName) =>
        new(422, "form_identifier_exists", "That " + paramName + " is taken. Please try another.", "That " + paramName + " is taken.", paramName, "trace-dup");

    private ClerkUser Store(ClerkCreateUserRequest request)
    {
        lock (_gate)
        {
            foreach (ClerkUser existing in _users.Values)
            {
                if (request.ExternalId != null && existing.ExternalId == request.ExternalId)
                {
                    throw Duplicate("external_id");
                }

                if (request.EmailAddress != null && existing.EmailAddresses.Any(e => request.EmailAddress.Contains(e, StringComparer.OrdinalIgnoreCase)))
                {
                    throw Duplicate("email_address");
                }

                if (request.PhoneNumber != null && existing.PhoneNumbers.Any(p => request.PhoneNumber.Contains(p)))
                {
                    throw Duplicate("phone_number");
                }

                if (request.Username != null && existing.Username == request.Username)
                {
                    throw Duplicate("username");
                }
            }

            var user = new ClerkUser
            {
                Id = "user_" + (++_nextId).ToString("D6"),
                ExternalId = request.ExternalId,
                EmailAddresses = request.EmailAddress?.ToArray() ?? Array.Empty<string>(),
                PhoneNumbers = request.PhoneNumber?.ToArray() ?? Array.Empty<string>(),
                Username = request.Username,
                PasswordEnabled = request.PasswordDigest != null,
            };
            _users.Add(user.Id, user);
            return user;
        }
    }

    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        int now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref MaxInFlight)) && Interlocked.CompareExchange(ref MaxInFlight, now, seen) != seen)
        {
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (RejectKey)
            {
                throw new ClerkApiException(401, "clerk_key_invalid", "Secret key invalid", "The provided Clerk Secret Key is invalid.", null, "trace-401");
            }

            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref CancelledCalls);
            Leave();
            throw;
        }
        catch
        {
            Leave();
            throw;
        }
    }

    private void Leave() => Interlocked.Decrement(ref _inFlight);
}

public enum CreateFault
{
    None,

    /// <summary>Nothing stored; the client gave up on a dead connection.</summary>
    TransportFailureBeforeStore,

    /// <summary>Stored; the answer was lost and the client's retry met the stored user (422).</summary>
    AnswerLostThenRetried,

    /// <summary>Stored; the answer was lost and the client's retries ran out.</summary>
    AnswerLostAfterRetries,

    /// <summary>Stored; the client timed out.</summary>
    TimeoutAfterStore,

    /// <summary>A 422 about the payload.</summary>
    Rejected,

    /// <summary>503 after the client's retries; nothing stored.</summary>
    ServerError,
}
