using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// Reads a pool's group memberships with one call per page, never one per user: ListGroups to the end,
    /// then ListUsersInGroup for each group in the order of <see cref="CognitoGroupMembership.Groups"/>, each
    /// following its NextToken to the end (pages may be short or empty while a token follows). Every call
    /// goes through the client's retries for throttling and 5xx, as ListUsers does, and through a
    /// <see cref="CognitoListingGuard"/>: paced like ListUsers (ListUsersInGroup draws on the same account quota),
    /// and stopped at any token a chain hands back twice. Page by page, so a cmdlet can report progress from its
    /// own thread between pages; only the compact map is kept.
    /// </summary>
    public sealed class CognitoGroupMembershipReader
    {
        private readonly ICognitoIdentityProvider _cognito;
        private readonly List<CognitoGroup> _groups = new List<CognitoGroup>();
        private readonly CognitoListingGuard _guard;
        private CognitoGroupMembership? _membership;
        private string? _token;
        private bool _groupsListed;
        private int _groupIndex;

        /// <exception cref="CognitoConfigurationException">Missing or malformed pool ID.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="callsPerSecond"/> is not more than 0 and at most 30.</exception>
        public CognitoGroupMembershipReader(
            ICognitoIdentityProvider cognito, string userPoolId, double callsPerSecond = CognitoConnectionSettings.DefaultListUsersPerSecond)
        {
            UserPoolIdFormat.EnsureValid(userPoolId);
            _guard = new CognitoListingGuard(callsPerSecond);
            _cognito = cognito ?? throw new ArgumentNullException(nameof(cognito));
            UserPoolId = userPoolId;
        }

        public string UserPoolId { get; }

        /// <summary>Groups listed so far (all of them once ListGroups is done).</summary>
        public int GroupCount => _membership?.Groups.Count ?? _groups.Count;

        /// <summary>Groups whose members have all been read.</summary>
        public int GroupsRead { get; private set; }

        /// <summary>The group being read now; null while groups are listed and once done.</summary>
        public string? CurrentGroup => _membership != null && _groupIndex < _membership.Groups.Count ? _membership.Groups[_groupIndex].Name : null;

        public int PagesRead { get; private set; }

        public long MembersRead { get; private set; }

        public bool IsComplete { get; private set; }

        /// <summary>Groups ListGroups named that were gone when their members were asked for (deleted meanwhile).</summary>
        public List<string> VanishedGroups { get; } = new List<string>();

        /// <summary>The map: complete once <see cref="IsComplete"/>.</summary>
        public CognitoGroupMembership? Membership => IsComplete ? _membership : null;

        /// <summary>Reads one page; false once everything has been read.</summary>
        public async Task<bool> ReadNextPageAsync(CancellationToken cancellationToken)
        {
            if (IsComplete)
            {
                return false;
            }

            cancellationToken.ThrowIfCancellationRequested();
            await _guard.KeepPaceAsync(cancellationToken).ConfigureAwait(false);
            if (!_groupsListed)
            {
                CognitoGroupPage page = await _cognito.ListGroupsAsync(UserPoolId, _token, cancellationToken).ConfigureAwait(false);
                Advance("ListGroups", page.NextToken);
                _groups.AddRange(page.Groups);
                if (_token == null)
                {
                    _groupsListed = true;
                    _membership = new CognitoGroupMembership(_groups);
                    _groups.Clear();
                    SkipFinishedGroups();
                }

                return true;
            }

            string groupName = _membership!.Groups[_groupIndex].Name;
            CognitoUserPage members;
            try
            {
                members = await _cognito.ListUsersInGroupAsync(UserPoolId, groupName, _token, cancellationToken).ConfigureAwait(false);
            }
            catch (CognitoServiceException ex) when (ex.IsResourceNotFound && _token == null)
            {
                // Deleted between ListGroups and now: nobody is in it any more. (A missing pool fails ListGroups first.)
                VanishedGroups.Add(groupName);
                _groupIndex++;
                GroupsRead++;
                SkipFinishedGroups();
                return true;
            }

            Advance("ListUsersInGroup", members.PaginationToken);
            foreach (CognitoUser member in members.Users)
            {
                _membership.Add(_groupIndex, member.Username, member.GetAttribute(CognitoAttributeNames.Sub));
                MembersRead++;
            }

            if (_token == null)
            {
                _groupIndex++;
                GroupsRead++;
                SkipFinishedGroups();
            }

            return true;
        }

        /// <summary>Reads everything (for callers that need no progress between pages).</summary>
        public async Task<CognitoGroupMembership> ReadAllAsync(CancellationToken cancellationToken)
        {
            while (await ReadNextPageAsync(cancellationToken).ConfigureAwait(false))
            {
            }

            return _membership!;
        }

        private void Advance(string operation, string? nextToken)
        {
            // Any token a chain already handed back would loop over the same pages forever.
            _guard.Accept(nextToken, operation, "NextToken", UserPoolId);
            _token = nextToken;
            PagesRead++;
            if (_token == null)
            {
                // The next chain (the next group's members) has tokens of its own.
                _guard.StartChain();
            }
        }

        private void SkipFinishedGroups()
        {
            if (_groupIndex >= _membership!.Groups.Count)
            {
                IsComplete = true;
            }
        }
    }
}
