using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Groups;

/// <summary>
/// The rebalance state machine: preparing, completing the join phase, the sync deadline, and session expiry
/// (GroupMetadataManager.prepareRebalance, completeClassicGroupJoin, expirePendingSync, expireClassicGroupMemberHeartbeat).
/// Every method runs under the group's lock.
/// </summary>
internal sealed partial class GroupCoordinator
{
    private void MaybePrepareRebalanceOrCompleteJoin(ClassicGroup group, string reason)
    {
        if (group.CanRebalance)
        {
            PrepareRebalance(group, reason);
        }
        else
        {
            MaybeCompleteJoinPhase(group);
        }
    }

    /// <summary>
    /// Starts a rebalance: members waiting for an assignment are told REBALANCE_IN_PROGRESS; an empty group waits
    /// <c>group.initial.rebalance.delay.ms</c> for more members, others wait until every member rejoined or the
    /// rebalance timeout passed.
    /// </summary>
    private void PrepareRebalance(ClassicGroup group, string reason)
    {
        if (group.State == GroupState.CompletingRebalance)
        {
            ResetAndPropagateAssignmentWithError(group, ErrorCode.RebalanceInProgress);
        }

        RemoveSyncExpiration(group);
        bool isInitialRebalance = group.State == GroupState.Empty;
        if (isInitialRebalance)
        {
            int delayMs = _options.GroupInitialRebalanceDelayMs;
            int remainingMs = Math.Max(group.RebalanceTimeoutMs - delayMs, 0);
            group.Timers.Schedule(GroupTimers.Join, delayMs, () => TryCompleteInitialRebalanceElseSchedule(group, delayMs, remainingMs));
        }

        group.TransitionTo(GroupState.PreparingRebalance);
        Log(group, $"preparing to rebalance with old generation {group.GenerationId} ({reason})");
        if (!isInitialRebalance)
        {
            MaybeCompleteJoinElseSchedule(group);
        }
    }

    private void MaybeCompleteJoinElseSchedule(ClassicGroup group)
    {
        if (group.HasAllMembersJoined)
        {
            CompleteJoin(group);
        }
        else
        {
            group.Timers.Schedule(GroupTimers.Join, group.RebalanceTimeoutMs, () => CompleteJoin(group));
        }
    }

    /// <summary>The initial delay ended: wait once more if members kept arriving and time is left, else complete.</summary>
    private void TryCompleteInitialRebalanceElseSchedule(ClassicGroup group, int delayMs, int remainingMs)
    {
        if (group.NewMemberAdded && remainingMs != 0)
        {
            group.NewMemberAdded = false;
            int newDelayMs = Math.Min(_options.GroupInitialRebalanceDelayMs, remainingMs);
            int newRemainingMs = Math.Max(remainingMs - delayMs, 0);
            group.Timers.Schedule(GroupTimers.Join, newDelayMs, () => TryCompleteInitialRebalanceElseSchedule(group, newDelayMs, newRemainingMs));
        }
        else
        {
            CompleteJoin(group);
        }
    }

    /// <summary>Completes the join phase when every member rejoined, except in the initial rebalance (its timer does).</summary>
    private void MaybeCompleteJoinPhase(ClassicGroup group)
    {
        if (group.State == GroupState.PreparingRebalance && group.PreviousState != GroupState.Empty && group.HasAllMembersJoined)
        {
            CompleteJoin(group);
        }
    }

    /// <summary>
    /// Ends the join phase: dynamic members that did not rejoin are removed, the next generation starts, every
    /// member gets its JoinGroup answer (the leader with all members' metadata) and the coordinator waits for the
    /// SyncGroups until the rebalance timeout.
    /// </summary>
    private void CompleteJoin(ClassicGroup group)
    {
        group.Timers.Cancel(GroupTimers.Join);
        foreach (GroupMember failed in group.NotYetRejoinedMembers().Where(m => !m.IsStatic))
        {
            group.Remove(failed.MemberId);
            group.Timers.Cancel(GroupTimers.Session(failed.MemberId));
            Log(group, $"removed member {failed.MemberId}, which did not rejoin in time");
        }

        if (group.State == GroupState.Dead)
        {
            return;
        }

        if (!group.MaybeElectNewJoinedLeader() && group.MemberCount > 0)
        {
            // Only static members that have not rejoined are left: wait for them (or their sessions to expire).
            group.Timers.Schedule(GroupTimers.Join, group.RebalanceTimeoutMs, () => CompleteJoin(group));
            return;
        }

        group.InitNextGeneration();
        if (group.State == GroupState.Empty)
        {
            Log(group, $"generation {group.GenerationId} is empty");
            return;
        }

        Log(group, $"stabilized generation {group.GenerationId} with {group.MemberCount} members, protocol {group.ProtocolName}");
        foreach (GroupMember member in group.Members.ToList())
        {
            group.CompleteJoin(member, group.JoinAnswer(member, withMembers: group.IsLeader(member.MemberId)));
            RescheduleSession(group, member);
            member.IsNew = false;
            group.AddPendingSyncMember(member.MemberId);
        }

        int generation = group.GenerationId;
        group.Timers.Schedule(GroupTimers.Sync, group.RebalanceTimeoutMs, () => ExpirePendingSync(group, generation));
    }

    /// <summary>Members that did not send SyncGroup within the rebalance timeout are removed, and the group rebalances.</summary>
    private void ExpirePendingSync(ClassicGroup group, int generation)
    {
        if (generation != group.GenerationId || group.State is not (GroupState.CompletingRebalance or GroupState.Stable) || group.HasReceivedSyncFromAllMembers)
        {
            return;
        }

        List<string> missing = group.PendingSyncMembers();
        foreach (string memberId in missing)
        {
            group.Remove(memberId);
            group.Timers.Cancel(GroupTimers.Session(memberId));
        }

        PrepareRebalance(group, $"members {string.Join(", ", missing)} did not send SyncGroup in time");
    }

    private void RemoveSyncExpiration(ClassicGroup group)
    {
        group.ClearPendingSyncMembers();
        group.Timers.Cancel(GroupTimers.Sync);
    }

    private static void RemovePendingSyncMember(ClassicGroup group, string memberId)
    {
        group.RemovePendingSyncMember(memberId);
        if (group.State is GroupState.Dead or GroupState.Empty or GroupState.PreparingRebalance || group.HasReceivedSyncFromAllMembers)
        {
            group.Timers.Cancel(GroupTimers.Sync);
        }
    }

    /// <summary>
    /// A session timer fired: a pending member is dropped; a member that neither heartbeated nor waits in a
    /// rebalance is removed and the group rebalances.
    /// </summary>
    private void ExpireSession(ClassicGroup group, string memberId)
    {
        if (group.State == GroupState.Dead)
        {
            return;
        }

        if (group.IsPendingMember(memberId))
        {
            group.Remove(memberId);
            Log(group, $"pending member {memberId} did not rejoin within its session timeout");
            if (group.State == GroupState.PreparingRebalance && group.HasAllMembersJoined)
            {
                CompleteJoin(group);
            }

            return;
        }

        if (group.HasMember(memberId) && !group.Member(memberId).HasSatisfiedHeartbeat)
        {
            Log(group, $"member {memberId} failed: no heartbeat within its session timeout");
            RemoveMemberAndUpdateGroup(group, group.Member(memberId), $"member {memberId} session expired");
        }
    }

    private void RemoveMemberAndUpdateGroup(ClassicGroup group, GroupMember member, string reason)
    {
        // A new member can time out while its JoinGroup waits: it is answered UNKNOWN_MEMBER_ID so it can retry.
        group.CompleteJoin(member, JoinError("", ErrorCode.UnknownMemberId));
        group.Remove(member.MemberId);
        if (group.State is GroupState.Stable or GroupState.CompletingRebalance)
        {
            MaybePrepareRebalanceOrCompleteJoin(group, reason);
        }
        else if (group.State == GroupState.PreparingRebalance && group.HasAllMembersJoined)
        {
            CompleteJoin(group);
        }
    }

    private void SetAndPropagateAssignment(ClassicGroup group, Dictionary<string, byte[]> assignment)
    {
        foreach (GroupMember member in group.Members)
        {
            member.Assignment = assignment.GetValueOrDefault(member.MemberId) ?? [];
        }

        PropagateAssignment(group, ErrorCode.None);
    }

    private void ResetAndPropagateAssignmentWithError(ClassicGroup group, ErrorCode error)
    {
        foreach (GroupMember member in group.Members)
        {
            member.Assignment = [];
        }

        PropagateAssignment(group, error);
    }

    /// <summary>Answers every waiting SyncGroup; a member that got its answer starts a fresh session.</summary>
    private void PropagateAssignment(ClassicGroup group, ErrorCode error)
    {
        foreach (GroupMember member in group.Members.ToList())
        {
            var response = new SyncGroupResponse
            {
                ErrorCode = (short)error,
                ProtocolType = error == ErrorCode.None ? group.ProtocolType : null,
                ProtocolName = error == ErrorCode.None ? group.ProtocolName : null,
                Assignment = member.Assignment,
            };
            if (group.CompleteSync(member, response))
            {
                RescheduleSession(group, member);
            }
        }
    }
}
