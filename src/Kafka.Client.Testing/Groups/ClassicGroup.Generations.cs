using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Groups;

/// <summary>Generations: pending joins and syncs, leader election, and moving to the next generation.</summary>
internal sealed partial class ClassicGroup
{
    public int PendingJoinCount => _pendingJoinMembers.Count;

    /// <summary>A dynamic member that was told MEMBER_ID_REQUIRED (KIP-394) and has not rejoined yet.</summary>
    public void AddPendingMember(string memberId) => _pendingJoinMembers.Add(memberId);

    public void AddPendingSyncMember(string memberId) => _pendingSyncMembers.Add(memberId);

    public void RemovePendingSyncMember(string memberId) => _pendingSyncMembers.Remove(memberId);

    public bool HasReceivedSyncFromAllMembers => _pendingSyncMembers.Count == 0;

    public List<string> PendingSyncMembers() => [.. _pendingSyncMembers];

    public void ClearPendingSyncMembers() => _pendingSyncMembers.Clear();

    /// <summary>Members that did not send a JoinGroup in this rebalance.</summary>
    public List<GroupMember> NotYetRejoinedMembers() => [.. _members.Values.Where(m => !m.IsAwaitingJoin)];

    /// <summary>
    /// Keeps the leader if it rejoined, else picks any member that did (ClassicGroup.maybeElectNewJoinedLeader);
    /// false when nobody rejoined.
    /// </summary>
    public bool MaybeElectNewJoinedLeader()
    {
        if (LeaderId is null)
        {
            return false;
        }

        if (Member(LeaderId).IsAwaitingJoin)
        {
            return true;
        }

        GroupMember? joined = _members.Values.FirstOrDefault(m => m.IsAwaitingJoin);
        if (joined is null)
        {
            return false;
        }

        LeaderId = joined.MemberId;
        return true;
    }

    /// <summary>
    /// Ends the join phase: the next generation, with the protocol the members vote for (CompletingRebalance), or
    /// no protocol when nobody is left (Empty). ClassicGroup.initNextGeneration.
    /// </summary>
    public void InitNextGeneration()
    {
        GenerationId++;
        if (_members.Count > 0)
        {
            ProtocolName = SelectProtocol();
            SubscribedTopics = ComputeSubscribedTopics();
            TransitionTo(GroupState.CompletingRebalance);
        }
        else
        {
            ProtocolName = null;
            SubscribedTopics = ComputeSubscribedTopics();
            TransitionTo(GroupState.Empty);
        }

        ClearPendingSyncMembers();
    }

    /// <summary>What the leader's JoinGroup answer lists: every member with its metadata for the chosen protocol.</summary>
    public List<JoinGroupResponse.JoinGroupResponseMember> CurrentMembersForLeader()
    {
        var members = new List<JoinGroupResponse.JoinGroupResponseMember>(_members.Count);
        foreach (GroupMember member in _members.Values)
        {
            members.Add(new JoinGroupResponse.JoinGroupResponseMember
            {
                MemberId = member.MemberId,
                GroupInstanceId = member.GroupInstanceId,
                Metadata = member.Metadata(ProtocolName ?? ""),
            });
        }

        return members;
    }

    /// <summary>The JoinGroup answer for <paramref name="member"/> in the current generation.</summary>
    public JoinGroupResponse JoinAnswer(GroupMember member, bool withMembers, string? leader = null, bool skipAssignment = false) => new()
    {
        Members = withMembers ? CurrentMembersForLeader() : [],
        MemberId = member.MemberId,
        GenerationId = GenerationId,
        ProtocolName = ProtocolName,
        ProtocolType = ProtocolType,
        Leader = leader ?? LeaderId ?? "",
        SkipAssignment = skipAssignment,
    };
}
