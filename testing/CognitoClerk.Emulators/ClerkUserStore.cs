namespace CognitoClerk.Emulators;

/// <summary>
/// The emulator's users, with Clerk's uniqueness rules: email addresses and usernames are unique
/// regardless of case, phone numbers and external_id exactly. One lock: the emulator is about
/// correctness under concurrency, not about throughput. Two indexes keep the benchmark's 100,000-user
/// runs linear: external_id → user for lookups, and the created_at order, rebuilt only after a change.
/// </summary>
internal sealed class ClerkUserStore
{
    private readonly object _lock = new();
    private readonly Dictionary<string, ClerkStoredUser> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _emails = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _phones = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _usernames = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _externalIds = new(StringComparer.Ordinal);

    // Email address and phone number ids → their user, for /v1/email_addresses/{id} and /v1/phone_numbers/{id}.
    private readonly Dictionary<string, string> _identificationOwners = new(StringComparer.Ordinal);
    private long _sequence;
    private List<ClerkStoredUser>? _oldestFirst;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byId.Count;
            }
        }
    }

    /// <summary>Stores the user, or throws 422 form_identifier_exists naming the first field already taken.</summary>
    public void Add(ClerkStoredUser user)
    {
        lock (_lock)
        {
            foreach (ClerkStoredIdentification email in user.Emails)
            {
                if (_emails.ContainsKey(email.Value))
                {
                    throw ClerkEmulatorError.Exists("email_address", "email address");
                }
            }

            foreach (ClerkStoredIdentification phone in user.Phones)
            {
                if (_phones.ContainsKey(phone.Value))
                {
                    throw ClerkEmulatorError.Exists("phone_number", "phone number");
                }
            }

            if (user.Username != null && _usernames.ContainsKey(user.Username))
            {
                throw ClerkEmulatorError.Exists("username", "username");
            }

            if (user.ExternalId != null && _externalIds.ContainsKey(user.ExternalId))
            {
                throw ClerkEmulatorError.Exists("external_id", "external ID");
            }

            user.Sequence = ++_sequence;
            _byId.Add(user.Id, user);
            user.Emails.ForEach(e => Index(_emails, e, user));
            user.Phones.ForEach(p => Index(_phones, p, user));
            if (user.Username != null)
            {
                _usernames.Add(user.Username, user.Id);
            }

            if (user.ExternalId != null)
            {
                _externalIds.Add(user.ExternalId, user.Id);
            }

            _oldestFirst = null;
        }
    }

    public bool Delete(string id, out ClerkStoredUser? removed)
    {
        lock (_lock)
        {
            if (!_byId.Remove(id, out removed))
            {
                return false;
            }

            foreach (ClerkStoredIdentification email in removed.Emails)
            {
                _emails.Remove(email.Value);
                _identificationOwners.Remove(email.Id);
            }

            foreach (ClerkStoredIdentification phone in removed.Phones)
            {
                _phones.Remove(phone.Value);
                _identificationOwners.Remove(phone.Id);
            }

            if (removed.Username != null)
            {
                _usernames.Remove(removed.Username);
            }

            if (removed.ExternalId != null)
            {
                _externalIds.Remove(removed.ExternalId);
            }

            _oldestFirst = null;
            return true;
        }
    }

    /// <summary>Runs <paramref name="read"/> on the user under the lock; throws 404 when there is none.</summary>
    public T With<T>(string id, Func<ClerkStoredUser, T> read)
    {
        lock (_lock)
        {
            return _byId.TryGetValue(id, out ClerkStoredUser? user)
                ? read(user)
                : throw ClerkEmulatorError.NotFound($"No user was found with id {id}");
        }
    }

    /// <summary>
    /// Changes a user's external_id or username under Clerk's uniqueness rules (422 form_identifier_exists),
    /// then applies <paramref name="change"/>; 404 when there is no such user.
    /// </summary>
    public T Update<T>(string id, ClerkUserIdentityChange identity, Func<ClerkStoredUser, T> change)
    {
        lock (_lock)
        {
            if (!_byId.TryGetValue(id, out ClerkStoredUser? user))
            {
                throw ClerkEmulatorError.NotFound($"No user was found with id {id}");
            }

            // Both checked before either changes: a refused update changes nothing.
            bool movesExternalId = identity.SetsExternalId && IsTakenElsewhere(_externalIds, identity.ExternalId, user.Id, "external_id", "external ID");
            bool movesUsername = identity.SetsUsername && IsTakenElsewhere(_usernames, identity.Username, user.Id, "username", "username");
            if (movesExternalId)
            {
                Move(_externalIds, user.ExternalId, identity.ExternalId, user.Id);
                user.ExternalId = identity.ExternalId;
            }

            if (movesUsername)
            {
                Move(_usernames, user.Username, identity.Username, user.Id);
                user.Username = identity.Username;
            }

            T result = change(user);
            user.UpdatedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            _oldestFirst = null;
            return result;
        }
    }

    /// <summary>
    /// Adds an email address (<paramref name="isEmail"/>) or phone number to a user: unique across the instance
    /// (422 form_identifier_exists), primary when asked or when it is the user's first. Returns the user and the new one.
    /// </summary>
    public (ClerkStoredUser User, ClerkStoredIdentification Added) AddIdentification(string userId, bool isEmail, string value, string status, bool primary)
    {
        lock (_lock)
        {
            if (!_byId.TryGetValue(userId, out ClerkStoredUser? user))
            {
                throw ClerkEmulatorError.NotFound($"No user was found with id {userId}");
            }

            Dictionary<string, string> index = isEmail ? _emails : _phones;
            if (index.ContainsKey(value))
            {
                throw isEmail ? ClerkEmulatorError.Exists("email_address", "email address") : ClerkEmulatorError.Exists("phone_number", "phone number");
            }

            var added = new ClerkStoredIdentification(ClerkIds.New("idn_"), value, status);
            List<ClerkStoredIdentification> list = isEmail ? user.Emails : user.Phones;
            list.Add(added);
            Index(index, added, user);
            if (primary || list.Count == 1)
            {
                SetPrimary(user, isEmail, added.Id);
            }

            user.UpdatedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            return (user, added);
        }
    }

    /// <summary>The user and the email address or phone number with this id; 404 when there is none of that kind.</summary>
    public T WithIdentification<T>(string identificationId, bool isEmail, Func<ClerkStoredUser, ClerkStoredIdentification, T> read)
    {
        lock (_lock)
        {
            (ClerkStoredUser user, ClerkStoredIdentification found) = FindIdentification(identificationId, isEmail);
            return read(user, found);
        }
    }

    /// <summary>
    /// Removes an email address or phone number. A primary one hands the primary role to the user's next one
    /// of its kind; 404 when there is none with this id.
    /// </summary>
    public ClerkStoredIdentification RemoveIdentification(string identificationId, bool isEmail)
    {
        lock (_lock)
        {
            (ClerkStoredUser user, ClerkStoredIdentification found) = FindIdentification(identificationId, isEmail);
            List<ClerkStoredIdentification> list = isEmail ? user.Emails : user.Phones;
            list.Remove(found);
            (isEmail ? _emails : _phones).Remove(found.Value);
            _identificationOwners.Remove(found.Id);
            if ((isEmail ? user.PrimaryEmailId : user.PrimaryPhoneId) == found.Id)
            {
                SetPrimary(user, isEmail, list.FirstOrDefault()?.Id);
            }

            user.UpdatedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            return found;
        }
    }

    /// <summary>Projects the matching users under the lock, in the order they were stored.</summary>
    public List<T> Select<T>(Func<ClerkStoredUser, bool> filter, Func<ClerkStoredUser, T> project)
    {
        lock (_lock)
        {
            return _byId.Values.Where(filter).OrderBy(u => u.Sequence).Select(project).ToList();
        }
    }

    /// <summary>The users with these external_ids (the lookup every migration run makes), oldest first, without a scan.</summary>
    public List<T> SelectByExternalId<T>(IEnumerable<string> externalIds, Func<ClerkStoredUser, bool> filter, Func<ClerkStoredUser, T> project)
    {
        lock (_lock)
        {
            return externalIds
                .Distinct(StringComparer.Ordinal)
                .Select(e => _externalIds.TryGetValue(e, out string? id) ? _byId[id] : null)
                .OfType<ClerkStoredUser>()
                .Where(filter)
                .OrderBy(u => u.Sequence)
                .Select(project)
                .ToList();
        }
    }

    /// <summary>
    /// Users in created_at order (then creation order), newest first unless <paramref name="ascending"/>, from
    /// <paramref name="offset"/> or after the user <paramref name="startingAfter"/> (422 when there is no such user).
    /// </summary>
    public List<T> Page<T>(Func<ClerkStoredUser, bool> filter, bool ascending, int offset, string? startingAfter, int limit, Func<ClerkStoredUser, T> project)
    {
        lock (_lock)
        {
            List<ClerkStoredUser> ordered = OldestFirst();
            IEnumerable<ClerkStoredUser> sequence = ascending ? ordered : Enumerable.Range(0, ordered.Count).Select(i => ordered[ordered.Count - 1 - i]);
            if (startingAfter != null)
            {
                if (!_byId.TryGetValue(startingAfter, out ClerkStoredUser? cursor))
                {
                    throw ClerkEmulatorError.InvalidValue("starting_after", $"no user with id {startingAfter}");
                }

                int at = ordered.BinarySearch(cursor, CreatedOrder.Instance);
                int count = ordered.Count;
                sequence = ascending
                    ? Enumerable.Range(at + 1, count - at - 1).Select(i => ordered[i])
                    : Enumerable.Range(0, at).Select(i => ordered[at - 1 - i]);
            }

            return sequence.Where(filter).Skip(offset).Take(limit).Select(project).ToList();
        }
    }

    private static void SetPrimary(ClerkStoredUser user, bool isEmail, string? id)
    {
        if (isEmail)
        {
            user.PrimaryEmailId = id;
        }
        else
        {
            user.PrimaryPhoneId = id;
        }
    }

    /// <summary>True when the value changes; throws 422 form_identifier_exists when another user holds it.</summary>
    private static bool IsTakenElsewhere(Dictionary<string, string> index, string? to, string userId, string param, string what)
    {
        if (to != null && index.TryGetValue(to, out string? holder))
        {
            return holder == userId ? false : throw ClerkEmulatorError.Exists(param, what);
        }

        return true;
    }

    private static void Move(Dictionary<string, string> index, string? from, string? to, string userId)
    {
        if (from != null)
        {
            index.Remove(from);
        }

        if (to != null)
        {
            index.Add(to, userId);
        }
    }

    private (ClerkStoredUser User, ClerkStoredIdentification Found) FindIdentification(string identificationId, bool isEmail)
    {
        if (_identificationOwners.TryGetValue(identificationId, out string? userId))
        {
            ClerkStoredUser user = _byId[userId];
            ClerkStoredIdentification? found = (isEmail ? user.Emails : user.Phones).FirstOrDefault(i => i.Id == identificationId);
            if (found != null)
            {
                return (user, found);
            }
        }

        throw ClerkEmulatorError.NotFound(isEmail ? $"No email address was found with id {identificationId}" : $"No phone number was found with id {identificationId}");
    }

    private void Index(Dictionary<string, string> index, ClerkStoredIdentification identification, ClerkStoredUser user)
    {
        index.Add(identification.Value, user.Id);
        _identificationOwners[identification.Id] = user.Id;
    }

    private List<ClerkStoredUser> OldestFirst() =>
        _oldestFirst ??= _byId.Values.OrderBy(u => u, CreatedOrder.Instance).ToList();

    /// <summary>created_at, then creation order: a total order, so a cursor finds its place by binary search.</summary>
    private sealed class CreatedOrder : IComparer<ClerkStoredUser>
    {
        public static readonly CreatedOrder Instance = new();

        public int Compare(ClerkStoredUser? x, ClerkStoredUser? y)
        {
            int byTime = x!.CreatedAt.CompareTo(y!.CreatedAt);
            return byTime != 0 ? byTime : x.Sequence.CompareTo(y.Sequence);
        }
    }
}

/// <summary>An UpdateUser's changes to the user's unique keys (external_id, username); unset ones stay as they are.</summary>
internal readonly record struct ClerkUserIdentityChange(bool SetsExternalId, string? ExternalId, bool SetsUsername, string? Username)
{
    public static ClerkUserIdentityChange None => default;
}
