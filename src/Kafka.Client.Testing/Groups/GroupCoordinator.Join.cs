using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;

namespace Kafka.Client.Testing.Groups;

/// <summary>JoinGroup: new, pending (KIP-394), existing and static (KIP-345) members (GroupMetadataManager.classicGroupJoin*).</summary>
internal sealed partial class GroupCoordinator
{
    /// <summary>
    /// Handles a JoinGroup; the task completes when the member's join phase ends (at once for errors, for
    /// MEMBER_ID_REQUIRED and for members that may skip the rebalance). The caller checked the group id and coordinator.
    /// </summary>
    public Task<JoinGroupResponse> JoinAsync(JoinGroupRequest request, short version, string clientId, string clientHost)
    {
        if (request.SessionTimeoutMs < _options.GroupMinSessionTimeoutMs || request.SessionTimeoutMs > _options.GroupMaxSessionTimeoutMs)
        {
            return Task.FromResult(JoinError(request.MemberId, ErrorCode.InvalidSessionTimeout));
        }

        var join = new JoinCall(
            request.MemberId,
            request.GroupInstanceId,
            request.ProtocolType,
            CopyProtocols(request.Protocols),
            request.SessionTimeoutMs,
            // JoinGroup v0 has no rebalance timeout: the session timeout stands in (JoinGroupRequest.json).
            version == 0 || request.RebalanceTimeoutMs < 0 ? request.SessionTimeoutMs : request.RebalanceTimeoutMs,
            clientId,
            clientHost,
            version,
            string.IsNullOrEmpty(request.Reason) ? "not provided" : request.Reason);

        // A group is created by a member without id; a member with an id joining an unknown group is UNKNOWN_MEMBER_ID.
        bool isUnknownMember = join.MemberId.Length == 0;
        ClassicGroup? group = isUnknownMember ? GetOrCreate(request.GroupId) : Find(request.GroupId);
        if (group is null)
        {
            // A consumer-protocol group with members serves classic members too (Kafka 4's online migration).
            return Task.FromResult(FindConsumerGroup(request.GroupId) is { } consumerGroup
                ? ClassicJoinToConsumerGroup(consumerGroup, join)
                : JoinError(join.MemberId, ErrorCode.UnknownMemberId));
        }

        var waiter = new TaskCompletionSource<JoinGroupResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (group.Sync)
        {
            if (isUnknownMember)
            {
                JoinNewMember(group, join, waiter);
            }
            else
            {
                JoinExistingMember(group, join, waiter);
            }
        }

        return waiter.Task;
    }

    private void JoinNewMember(ClassicGroup group, JoinCall join, TaskCompletionSource<JoinGroupResponse> waiter)
    {
        if (group.State == GroupState.Dead)
        {
            waiter.TrySetResult(JoinError("", ErrorCode.CoordinatorNotAvailable));
            return;
        }

        if (!group.SupportsProtocols(join.ProtocolType, join.Protocols))
        {
            waiter.TrySetResult(JoinError("", ErrorCode.InconsistentGroupProtocol));
            return;
        }

        // ClassicGroup.generateMemberId: "<group.instance.id or client.id>-<uuid>".
        string newMemberId = (join.GroupInstanceId ?? join.ClientId) + "-" + Guid.NewGuid().ToString("D");
        if (join.GroupInstanceId is { } instanceId)
        {
            if (group.StaticMemberId(instanceId) is { } existingMemberId)
            {
                UpdateStaticMember(group, join, existingMemberId, newMemberId, waiter);
            }
            else
            {
                AddMemberThenRebalanceOrCompleteJoin(group, join, newMemberId, waiter);
            }
        }
        else if (join.Version >= JoinGroupVersions.MemberIdRequired)
        {
            // KIP-394: the member gets its id and must rejoin with it; until then it is pending, and it is dropped
            // when it does not come back within its session timeout.
            group.AddPendingMember(newMemberId);
            group.Timers.Schedule(GroupTimers.Session(newMemberId), join.SessionTimeoutMs, () => ExpireSession(group, newMemberId));
            waiter.TrySetResult(JoinError(newMemberId, ErrorCode.MemberIdRequired));
        }
        else
        {
            AddMemberThenRebalanceOrCompleteJoin(group, join, newMemberId, waiter);
        }
    }

    private void JoinExistingMember(ClassicGroup group, JoinCall join, TaskCompletionSource<JoinGroupResponse> waiter)
    {
        string memberId = join.MemberId;
        if (group.State == GroupState.Dead)
        {
            waiter.TrySetResult(JoinError(memberId, ErrorCode.CoordinatorNotAvailable));
            return;
        }

        if (!group.SupportsProtocols(join.ProtocolType, join.Protocols))
        {
            waiter.TrySetResult(JoinError(memberId, ErrorCode.InconsistentGroupProtocol));
            return;
        }

        if (group.IsPendingMember(memberId))
        {
            // A pending member (KIP-394) is never static; Kafka treats a static one here as a broken invariant.
            if (join.GroupInstanceId is not null)
            {
                waiter.TrySetResult(JoinError(memberId, ErrorCode.UnknownServerError));
                return;
            }

            AddMemberThenRebalanceOrCompleteJoin(group, join, memberId, waiter);
            return;
        }

        ErrorCode error = group.ValidateMember(memberId, join.GroupInstanceId);
        if (error != ErrorCode.None)
        {
            waiter.TrySetResult(JoinError(memberId, error));
            return;
        }

        GroupMember member = group.Member(memberId);
        switch (group.State)
        {
            case GroupState.PreparingRebalance:
                UpdateMemberThenRebalanceOrCompleteJoin(group, member, join, waiter, $"member {memberId} joining during PreparingRebalance");
                break;
            case GroupState.CompletingRebalance when member.Matches(join.Protocols):
                // The member lost its JoinGroup answer: the same answer again.
                waiter.TrySetResult(group.JoinAnswer(member, withMembers: group.IsLeader(memberId)));
                break;
            case GroupState.CompletingRebalance:
                UpdateMemberThenRebalanceOrCompleteJoin(group, member, join, waiter, $"member {memberId} changed its metadata during CompletingRebalance");
                break;
            case GroupState.Stable when group.IsLeader(memberId) || !member.Matches(join.Protocols):
                // A rejoining leader forces a rebalance (for changes the metadata does not show, like new partitions).
                UpdateMemberThenRebalanceOrCompleteJoin(group, member, join, waiter, $"member {memberId} rejoining Stable group (leader or new metadata)");
                break;
            case GroupState.Stable:
                // A follower with unchanged metadata: the current generation, so it can SyncGroup.
                waiter.TrySetResult(group.JoinAnswer(member, withMembers: false));
                break;
            default:
                waiter.TrySetResult(JoinError(memberId, ErrorCode.UnknownMemberId));
                break;
        }
    }

    private void AddMemberThenRebalanceOrCompleteJoin(ClassicGroup group, JoinCall join, string memberId, TaskCompletionSource<JoinGroupResponse> waiter)
    {
        var member = new GroupMember(memberId, join.GroupInstanceId, join.ClientId, join.ClientHost, join.ProtocolType)
        {
            RebalanceTimeoutMs = join.RebalanceTimeoutMs,
            SessionTimeoutMs = join.SessionTimeoutMs,
            Protocols = join.Protocols,
            IsNew = true,
        };

        // A member joining during the initial delay lets the coordinator wait a little longer.
        if (group.State == GroupState.PreparingRebalance && group.PreviousState == GroupState.Empty)
        {
            group.NewMemberAdded = true;
        }

        group.Add(member, waiter);

        // A new member cannot heartbeat before its first answer; a JoinGroup that waits too long drops it.
        RescheduleSession(group, member, NewMemberJoinTimeoutMs);
        MaybePrepareRebalanceOrCompleteJoin(group, $"adding member {memberId} (instance {join.GroupInstanceId ?? "none"}); reason: {join.Reason}");
    }

    private void UpdateMemberThenRebalanceOrCompleteJoin(ClassicGroup group, GroupMember member, JoinCall join, TaskCompletionSource<JoinGroupResponse> waiter, string reason)
    {
        group.UpdateMember(member, join.Protocols, join.RebalanceTimeoutMs, join.SessionTimeoutMs, waiter);
        MaybePrepareRebalanceOrCompleteJoin(group, $"{reason}; reason: {join.Reason}");
    }

    /// <summary>
    /// A known static member rejoins with an unknown member id (a restart): it takes over the old id's place. In a
    /// Stable group whose protocol would not change there is no rebalance: the member gets the current generation
    /// (GroupMetadataManager.updateStaticMemberThenRebalanceOrCompleteJoin).
    /// </summary>
    private void UpdateStaticMember(ClassicGroup group, JoinCall join, string oldMemberId, string newMemberId, TaskCompletionSource<JoinGroupResponse> waiter)
    {
        string? currentLeader = group.LeaderId;
        group.Timers.Cancel(GroupTimers.Session(oldMemberId));
        GroupMember member = group.ReplaceStaticMember(join.GroupInstanceId!, oldMemberId, newMemberId);
        RescheduleSession(group, member);
        group.UpdateMember(member, join.Protocols, join.RebalanceTimeoutMs, join.SessionTimeoutMs, waiter);
        Log(group, $"static member {join.GroupInstanceId} rejoined as {newMemberId}, replacing {oldMemberId}");
        switch (group.State)
        {
            case GroupState.Stable when group.ProtocolName == group.SelectProtocol():
                if (join.Version >= JoinGroupVersions.SkipAssignment)
                {
                    // JoinGroup v9+: the leader learns it leads but skips the assignment (the group stays Stable).
                    bool isLeader = group.IsLeader(newMemberId);
                    group.CompleteJoin(member, group.JoinAnswer(member, withMembers: isLeader, skipAssignment: isLeader));
                }
                else
                {
                    // Older versions get the old leader id, so a returning leader does not run a useless assignment.
                    group.CompleteJoin(member, group.JoinAnswer(member, withMembers: false, leader: currentLeader));
                }

                break;
            case GroupState.Stable:
                MaybePrepareRebalanceOrCompleteJoin(group, $"static member {join.GroupInstanceId} rejoined with another protocol");
                break;
            case GroupState.CompletingRebalance:
                // The leader may have assigned to the old id already: rebalance so the new id gets an assignment.
                PrepareRebalance(group, $"static member {join.GroupInstanceId} rejoined during CompletingRebalance");
                break;
            default:
                MaybeCompleteJoinPhase(group);
                break;
        }
    }

    private static JoinGroupResponse JoinError(string memberId, ErrorCode error) => new()
    {
        ErrorCode = (short)error,
        MemberId = memberId,
        GenerationId = -1,
        ProtocolName = null,
        Leader = "",
    };

    /// <summary>Copies the protocols out of the request buffer; a repeated name counts once, as in Kafka's keyed collection.</summary>
    private static List<GroupProtocol> CopyProtocols(List<JoinGroupRequest.JoinGroupRequestProtocol> protocols)
    {
        var copies = new List<GroupProtocol>(protocols.Count);
        foreach (JoinGroupRequest.JoinGroupRequestProtocol p in protocols)
        {
            if (!copies.Exists(c => c.Name == p.Name))
            {
                copies.Add(new GroupProtocol(p.Name, p.Metadata.ToArray()));
            }
        }

        return copies;
    }

    /// <summary>What the coordinator needs of a JoinGroup request.</summary>
    private sealed record JoinCall(
        string MemberId,
        string? GroupInstanceId,
        string ProtocolType,
        IReadOnlyList<GroupProtocol> Protocols,
        int SessionTimeoutMs,
        int RebalanceTimeoutMs,
        string ClientId,
        string ClientHost,
        short Version,
        string Reason);
}
