using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Groups;

/// <summary>
/// One classic group: state, generation, members, leader, and the members the coordinator still waits for.
/// Follows Kafka's <c>ClassicGroup</c> (group-coordinator/.../classic/ClassicGroup.java). Everything is guarded by
/// <see cref="Sync"/>; the coordinator's rebalance logic lives in <see cref="GroupCoordinator"/>.
/// </summary>
internal sealed partial class ClassicGroup
{
    private readonly OrderedDictionary<string, GroupMember> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _staticMembers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pendingJoinMembers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pendingSyncMembers = new(StringComparer.Ordinal);
    private int _awaitingJoin;

    public ClassicGroup(string groupId, CancellationToken stopped, Action<Exception> onTimerError)
    {
        GroupId = groupId;
        Timers = new GroupTimers(Sync, stopped, onTimerError);
    }

    public string GroupId { get; }

    public Lock Sync { get; } = new();

    public GroupTimers Timers { get; }

    public GroupState State { get; private set; } = GroupState.Empty;

    public GroupState PreviousState { get; private set; } = GroupState.Empty;

    public int GenerationId { get; private set; }

    /// <summary>The protocol type of the members ("consumer"), set by the first member; null for a simple (commit-only) group.</summary>
    public string? ProtocolType { get; private set; }

    /// <summary>The protocol chosen for the current generation, or null.</summary>
    public string? ProtocolName { get; private set; }

    public string? LeaderId { get; private set; }

    /// <summary>A member joined during the initial rebalance delay, which extends the delay once more.</summary>
    public bool NewMemberAdded { get; set; }

    public int MemberCount => _members.Count;

    public IEnumerable<GroupMember> Members => _members.Values;

    public bool HasMember(string memberId) => _members.ContainsKey(memberId);

    public GroupMember Member(string memberId) => _members[memberId];

    public bool IsLeader(string memberId) => LeaderId == memberId;

    public bool IsPendingMember(string memberId) => _pendingJoinMembers.Contains(memberId);

    public string? StaticMemberId(string groupInstanceId) => _staticMembers.GetValueOrDefault(groupInstanceId);

    public bool HasAllMembersJoined => _members.Count == _awaitingJoin && _pendingJoinMembers.Count == 0;

    public bool CanRebalance => GroupStates.CanTransition(State, GroupState.PreparingRebalance);

    /// <summary>The longest rebalance timeout of the members: how long a rebalance waits for them.</summary>
    public int RebalanceTimeoutMs => _members.Count == 0 ? 0 : _members.Values.Max(m => m.RebalanceTimeoutMs);

    public void TransitionTo(GroupState next)
    {
        if (!GroupStates.CanTransition(State, next))
        {
            throw new InvalidOperationException($"Group {GroupId} cannot go from {State.Name()} to {next.Name()}.");
        }

        PreviousState = State;
        State = next;
    }

    /// <summary>Adds a member; the first member sets the protocol type and becomes the leader.</summary>
    public void Add(GroupMember member, TaskCompletionSource<JoinGroupResponse>? waiter)
    {
        if (member.GroupInstanceId is { } instanceId)
        {
            _staticMembers.Add(instanceId, member.MemberId);
        }

        if (_members.Count == 0)
        {
            ProtocolType = member.ProtocolType;
        }

        LeaderId ??= member.MemberId;
        _members.Add(member.MemberId, member);
        IncrementProtocols(member);
        member.JoinWaiter = waiter;
        if (waiter is not null)
        {
            _awaitingJoin++;
        }

        _pendingJoinMembers.Remove(member.MemberId);
    }

    /// <summary>Removes a member or a pending member; a waiting request of the member is answered UNKNOWN_MEMBER_ID.</summary>
    public void Remove(string memberId)
    {
        if (_members.Remove(memberId, out GroupMember? member))
        {
            CompleteJoin(member, new JoinGroupResponse { ErrorCode = (short)ErrorCode.UnknownMemberId, MemberId = "" });
            CompleteSync(member, new SyncGroupResponse { ErrorCode = (short)ErrorCode.UnknownMemberId });
            DecrementProtocols(member);
            if (member.GroupInstanceId is { } instanceId)
            {
                _staticMembers.Remove(instanceId);
            }
        }

        if (IsLeader(memberId))
        {
            LeaderId = _members.Count > 0 ? _members.GetAt(0).Key : null;
        }

        _pendingJoinMembers.Remove(memberId);
        _pendingSyncMembers.Remove(memberId);
    }

    /// <summary>
    /// A static member came back with a new member id (KIP-345): the old id's waiting requests are fenced, and the
    /// member keeps its place, protocols and assignment under the new id.
    /// </summary>
    public GroupMember ReplaceStaticMember(string groupInstanceId, string oldMemberId, string newMemberId)
    {
        int index = _members.IndexOf(oldMemberId);
        GroupMember old = _members.GetAt(index).Value;
        CompleteJoin(old, new JoinGroupResponse { ErrorCode = (short)ErrorCode.FencedInstanceId, MemberId = oldMemberId });
        CompleteSync(old, new SyncGroupResponse { ErrorCode = (short)ErrorCode.FencedInstanceId });
        var replacement = new GroupMember(newMemberId, old.GroupInstanceId, old.ClientId, old.ClientHost, old.ProtocolType)
        {
            RebalanceTimeoutMs = old.RebalanceTimeoutMs,
            SessionTimeoutMs = old.SessionTimeoutMs,
            Protocols = old.Protocols,
            Assignment = old.Assignment,
        };
        _members.RemoveAt(index);
        _members.Insert(index, newMemberId, replacement);
        if (IsLeader(oldMemberId))
        {
            LeaderId = newMemberId;
        }

        _staticMembers[groupInstanceId] = newMemberId;
        return replacement;
    }

    /// <summary>New protocols and timeouts of a rejoining member, and its JoinGroup request to answer later.</summary>
    public void UpdateMember(GroupMember member, IReadOnlyList<GroupProtocol> protocols, int rebalanceTimeoutMs, int sessionTimeoutMs, TaskCompletionSource<JoinGroupResponse>? waiter)
    {
        DecrementProtocols(member);
        member.Protocols = protocols;
        IncrementProtocols(member);
        member.RebalanceTimeoutMs = rebalanceTimeoutMs;
        member.SessionTimeoutMs = sessionTimeoutMs;

        // Kafka drops a superseded JoinGroup without answering; answering it lets that request end rather than hang.
        if (member.JoinWaiter is { } previous && previous != waiter)
        {
            previous.TrySetResult(new JoinGroupResponse { ErrorCode = (short)ErrorCode.RebalanceInProgress, MemberId = member.MemberId });
        }

        if (waiter is not null && member.JoinWaiter is null)
        {
            _awaitingJoin++;
        }
        else if (waiter is null && member.JoinWaiter is not null)
        {
            _awaitingJoin--;
        }

        member.JoinWaiter = waiter;
    }

    /// <summary>Answers the member's waiting JoinGroup; false when it had none.</summary>
    public bool CompleteJoin(GroupMember member, JoinGroupResponse response)
    {
        if (member.JoinWaiter is not { } waiter)
        {
            return false;
        }

        member.JoinWaiter = null;
        _awaitingJoin--;
        waiter.TrySetResult(response);
        return true;
    }

    /// <summary>Answers the member's waiting SyncGroup; false when it had none.</summary>
    public bool CompleteSync(GroupMember member, SyncGroupResponse response)
    {
        if (member.SyncWaiter is not { } waiter)
        {
            return false;
        }

        member.SyncWaiter = null;
        waiter.TrySetResult(response);
        return true;
    }

    /// <summary>
    /// The member check of every member request (ClassicGroup.validateMember): a given instance id must map to the
    /// member id (else FENCED_INSTANCE_ID, or UNKNOWN_MEMBER_ID when unknown), and the member id must exist.
    /// </summary>
    public ErrorCode ValidateMember(string memberId, string? groupInstanceId)
    {
        if (groupInstanceId is not null)
        {
            string? existing = StaticMemberId(groupInstanceId);
            if (existing is null)
            {
                return ErrorCode.UnknownMemberId;
            }

            if (existing != memberId)
            {
                return ErrorCode.FencedInstanceId;
            }
        }

        return HasMember(memberId) ? ErrorCode.None : ErrorCode.UnknownMemberId;
    }
}
