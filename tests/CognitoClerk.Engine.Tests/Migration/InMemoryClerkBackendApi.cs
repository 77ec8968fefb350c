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

    // The cutover's calls: enough of Clerk for the engine's status and sync logic; the Clerk emulator tests the wire.
    public int WriteCalls;

    public async Task<ClerkUser?> GetUserAsync(string userId, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        Leave();
        lock (_gate)
        {
            return _users.TryGetValue(userId, out ClerkUser? user) ? user : null;
        }
    }

    public async Task<IReadOnlyList<ClerkUser>> ListUsersAsync(string? startingAfter, int limit, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        Leave();
        lock (_gate)
        {
            // Newest first, as Clerk's default order; ids here grow with creation.
            List<ClerkUser> ordered = _users.Values.OrderByDescending(u => u.Id, StringComparer.Ordinal).ToList();
            int start = startingAfter == null ? 0 : ordered.FindIndex(u => u.Id == startingAfter) + 1;
            return ordered.Skip(start).Take(limit).ToList();
        }
    }

    public Task<ClerkUser> UpdateUserAsync(string userId, ClerkUpdateUserRequest request, CancellationToken cancellationToken) =>
        WriteAsync(userId, user =>
        {
            System.Text.Json.Nodes.JsonObject json = request.ToJson();
            if (json.ContainsKey("first_name"))
            {
                user.FirstName = (string?)json["first_name"];
            }

            if (json.ContainsKey("last_name"))
            {
                user.LastName = (string?)json["last_name"];
            }
        }, cancellationToken);

    public Task<ClerkUser> UpdateUserMetadataAsync(string userId, System.Text.Json.Nodes.JsonObject? publicMetadata, System.Text.Json.Nodes.JsonObject? privateMetadata, System.Text.Json.Nodes.JsonObject? unsafeMetadata, CancellationToken cancellationToken) =>
        WriteAsync(userId, user =>
        {
            user.PublicMetadata = Merge(user.PublicMetadata, publicMetadata);
            user.PrivateMetadata = Merge(user.PrivateMetadata, privateMetadata);
            user.UnsafeMetadata = Merge(user.UnsafeMetadata, unsafeMetadata);
        }, cancellationToken);

    public Task<ClerkIdentification> CreateEmailAddressAsync(string userId, string emailAddress, bool verified, bool primary, CancellationToken cancellationToken) =>
        CreateIdentificationAsync(userId, emailAddress, verified, primary, email: true, cancellationToken);

    public Task<ClerkIdentification> CreatePhoneNumberAsync(string userId, string phoneNumber, bool verified, bool primary, CancellationToken cancellationToken) =>
        CreateIdentificationAsync(userId, phoneNumber, verified, primary, email: false, cancellationToken);

    /// <summary>An email address or a phone number added to a user, unique among all users (emails without case), primary on request or when it is the first.</summary>
    private async Task<ClerkIdentification> CreateIdentificationAsync(string userId, string value, bool verified, bool primary, bool email, CancellationToken cancellationToken)
    {
        StringComparer comparer = email ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        ClerkIdentification added = new((email ? "idn_e" : "idn_p") + Interlocked.Increment(ref _nextIdentification), value, verified);
        await WriteAsync(userId, user =>
        {
            if (_users.Values.Any(u => (email ? u.EmailAddresses : u.PhoneNumbers).Contains(value, comparer)))
            {
                throw Duplicate(email ? "email_address" : "phone_number");
            }

            if (email)
            {
                user.EmailAddressDetails = user.EmailAddressDetails.Append(added).ToList();
                user.EmailAddresses = user.EmailAddressDetails.Select(e => e.Value).ToList();
                user.PrimaryEmailAddressId = primary || user.PrimaryEmailAddressId == null ? added.Id : user.PrimaryEmailAddressId;
            }
            else
            {
                user.PhoneNumberDetails = user.PhoneNumberDetails.Append(added).ToList();
                user.PhoneNumbers = user.PhoneNumberDetails.Select(p => p.Value).ToList();
                user.PrimaryPhoneNumberId = primary || user.PrimaryPhoneNumberId == null ? added.Id : user.PrimaryPhoneNumberId;
            }
        }, cancellationToken);
        return added;
    }

    public Task<bool> DeleteEmailAddressAsync(string emailAddressId, CancellationToken cancellationToken) =>
        RemoveIdentificationAsync(emailAddressId, isEmail: true, cancellationToken);

    public Task<bool> DeletePhoneNumberAsync(string phoneNumberId, CancellationToken cancellationToken) =>
        RemoveIdentificationAsync(phoneNumberId, isEmail: false, cancellationToken);

    public Task<ClerkUser> BanUserAsync(string userId, CancellationToken cancellationToken) =>
        WriteAsync(userId, user => user.Banned = true, cancellationToken);

    public Task<ClerkUser> LockUserAsync(string userId, CancellationToken cancellationToken) =>
        WriteAsync(userId, user => user.Locked = true, cancellationToken);

    public Task<ClerkUser> UnbanUserAsync(string userId, CancellationToken cancellationToken) =>
        WriteAsync(userId, user => user.Banned = false, cancellationToken);

    public Task<ClerkUser> UnlockUserAsync(string userId, CancellationToken cancellationToken) =>
        WriteAsync(userId, user => user.Locked = false, cancellationToken);

    private int _nextIdentification;

    private async Task<ClerkUser> WriteAsync(string userId, Action<ClerkUser> change, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref WriteCalls);
        await EnterAsync(cancellationToken);
        Leave();
        lock (_gate)
        {
            if (!_users.TryGetValue(userId, out ClerkUser? user))
            {
                throw new ClerkApiException(404, "resource_not_found", "not found", "No user was found with id " + userId, null, "trace-404");
            }

            change(user);
            return user;
        }
    }

    private async Task<bool> RemoveIdentificationAsync(string id, bool isEmail, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref WriteCalls);
        await EnterAsync(cancellationToken);
        Leave();
        lock (_gate)
        {
            foreach (ClerkUser user in _users.Values)
            {
                IReadOnlyList<ClerkIdentification> list = isEmail ? user.EmailAddressDetails : user.PhoneNumberDetails;
                if (list.All(i => i.Id != id))
                {
                    continue;
                }

                List<ClerkIdentification> kept = list.Where(i => i.Id != id).ToList();
                if (isEmail)
                {
                    user.EmailAddressDetails = kept;
                    user.EmailAddresses = kept.Select(e => e.Value).ToList();
                    user.PrimaryEmailAddressId = user.PrimaryEmailAddressId == id ? kept.FirstOrDefault()?.Id : user.PrimaryEmailAddressId;
                }
                else
                {
                    user.PhoneNumberDetails = kept;
                    user.PhoneNumbers = kept.Select(p => p.Value).ToList();
                    user.PrimaryPhoneNumberId = user.PrimaryPhoneNumberId == id ? kept.FirstOrDefault()?.Id : user.PrimaryPhoneNumberId;
                }

                return true;
            }

            return false;
        }
    }

    private static System.Text.Json.Nodes.JsonObject? Merge(System.Text.Json.Nodes.JsonObject? existing, System.Text.Json.Nodes.JsonObject? patch)
    {
        if (patch == null)
        {
            return existing;
        }

        var merged = existing == null ? new System.Text.Json.Nodes.JsonObject() : existing.DeepClone().AsObject();
        foreach ((string key, System.Text.Json.Nodes.JsonNode? value) in patch)
        {
            if (value == null)
            {
                merged.Remove(key);
            }
            else if (value is System.Text.Json.Nodes.JsonObject inner && merged[key] is System.Text.Json.Nodes.JsonObject current)
            {
                merged[key] = Merge(current, inner);
            }
            else
            {
                merged[key] = value.DeepClone();
            }
        }

        return merged;
    }

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

            var emails = (request.EmailAddress ?? new List<string>()).Select((e, i) => new ClerkIdentification("idn_e" + Interlocked.Increment(ref _nextIdentification), e,
                request.EmailAddressIdentificationStatus == null || request.EmailAddressIdentificationStatus[i] == "verified")).ToList();
            var phones = (request.PhoneNumber ?? new List<string>()).Select((p, i) => new ClerkIdentification("idn_p" + Interlocked.Increment(ref _nextIdentification), p,
                request.PhoneNumberIdentificationStatus == null || request.PhoneNumberIdentificationStatus[i] == "verified")).ToList();
            var user = new ClerkUser
            {
                Id = "user_" + (++_nextId).ToString("D6"),
                ExternalId = request.ExternalId,
                EmailAddresses = request.EmailAddress?.ToArray() ?? Array.Empty<string>(),
                PhoneNumbers = request.PhoneNumber?.ToArray() ?? Array.Empty<string>(),
                Username = request.Username,
                PasswordEnabled = request.PasswordDigest != null,
                FirstName = request.FirstName,
                LastName = request.LastName,
                EmailAddressDetails = emails,
                PhoneNumberDetails = phones,
                PrimaryEmailAddressId = emails.FirstOrDefault()?.Id,
                PrimaryPhoneNumberId = phones.FirstOrDefault()?.Id,
                PrivateMetadata = request.PrivateMetadata == null ? null
                    : System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(request.PrivateMetadata))!.AsObject(),
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
