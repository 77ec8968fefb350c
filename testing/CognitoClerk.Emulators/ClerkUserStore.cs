namespace CognitoClerk.Emulators;

/// <summary>
/// The emulator's users, with Clerk's uniqueness rules: email addresses and usernames are unique
/// regardless of case, phone numbers and external_id exactly. One lock: the emulator is about
/// correctness under concurrency, not about throughput.
/// </summary>
internal sealed class ClerkUserStore
{
    private readonly object _lock = new();
    private readonly Dictionary<string, ClerkStoredUser> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _emails = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _phones = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _usernames = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _externalIds = new(StringComparer.Ordinal);
    private long _sequence;

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
            user.Emails.ForEach(e => _emails.Add(e.Value, user.Id));
            user.Phones.ForEach(p => _phones.Add(p.Value, user.Id));
            if (user.Username != null)
            {
                _usernames.Add(user.Username, user.Id);
            }

            if (user.ExternalId != null)
            {
                _externalIds.Add(user.ExternalId, user.Id);
            }
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

            removed.Emails.ForEach(e => _emails.Remove(e.Value));
            removed.Phones.ForEach(p => _phones.Remove(p.Value));
            if (removed.Username != null)
            {
                _usernames.Remove(removed.Username);
            }

            if (removed.ExternalId != null)
            {
                _externalIds.Remove(removed.ExternalId);
            }

            return true;
        }
    }

    /// <summary>Changes a user's external_id, keeping it unique (422 form_identifier_exists when another user has it).</summary>
    public void SetExternalId(string id, string? externalId)
    {
        lock (_lock)
        {
            if (!_byId.TryGetValue(id, out ClerkStoredUser? user))
            {
                throw ClerkEmulatorError.NotFound($"No user was found with id {id}");
            }

            if (externalId != null && _externalIds.TryGetValue(externalId, out string? holder) && holder != id)
            {
                throw ClerkEmulatorError.Exists("external_id", "external ID");
            }

            if (user.ExternalId != null)
            {
                _externalIds.Remove(user.ExternalId);
            }

            user.ExternalId = externalId;
            if (externalId != null)
            {
                _externalIds[externalId] = id;
            }
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

    /// <summary>Projects the matching users under the lock, oldest first.</summary>
    public List<T> Select<T>(Func<ClerkStoredUser, bool> filter, Func<ClerkStoredUser, T> project)
    {
        lock (_lock)
        {
            return _byId.Values.Where(filter).OrderBy(u => u.Sequence).Select(project).ToList();
        }
    }
}
