using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Groups;

/// <summary>SyncGroup, Heartbeat and LeaveGroup (GroupMetadataManager.classicGroupSync, classicGroupHeartbeat, classicGroupLeave).</summary>
internal sealed partial class GroupCoordinator
{
    /// <summary>
    /// Handles a SyncGroup. During CompletingRebalance followers wait until the leader's SyncGroup brings the
    /// assignment; in a Stable group the member gets its current assignment at once.
    /// </summary>
    public Task<SyncGroupResponse> SyncAsync(SyncGroupRequest request)
    {
        ClassicGroup? group = Find(request.GroupId);
        if (group is null)
        {
            return Task.FromResult(FindConsumerGroup(request.GroupId) is { } consumerGroup
                ? ClassicSyncToConsumerGroup(consumerGroup, request)
                : SyncError(ErrorCode.UnknownMemberId));
        }

        var waiter = new TaskCompletionSource<SyncGroupResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (group.Sync)
        {
            ErrorCode error = group.State == GroupState.Empty ? ErrorCode.UnknownMemberId : ValidateSync(group, request);
            if (error != ErrorCode.None)
            {
                return Task.FromResult(SyncError(error));
            }

            string memberId = request.MemberId;
            GroupMember member = group.Member(memberId);
            switch (group.State)
            {
                case GroupState.PreparingRebalance:
                    return Task.FromResult(SyncError(ErrorCode.RebalanceInProgress));
                case GroupState.CompletingRebalance:
                    group.CompleteSync(member, SyncError(ErrorCode.RebalanceInProgress));
                    member.SyncWaiter = waiter;
                    RemovePendingSyncMember(group, memberId);
                    if (group.IsLeader(memberId))
                    {
                        // Members the leader left out get an empty assignment.
                        var assignment = new Dictionary<string, byte[]>(StringComparer.Ordinal);
                        foreach (SyncGroupRequest.SyncGroupRequestAssignment a in request.Assignments)
                        {
                            assignment[a.MemberId] = a.Assignment.ToArray();
                        }

                        SetAndPropagateAssignment(group, assignment);
                        group.TransitionTo(GroupState.Stable);
                        Log(group, $"generation {group.GenerationId} is Stable: leader {memberId} assigned {group.MemberCount} members");
                    }

                    return waiter.Task;
                default:
                    RemovePendingSyncMember(group, memberId);
                    return Task.FromResult(new SyncGroupResponse
                    {
                        ProtocolType = group.ProtocolType,
                        ProtocolName = group.ProtocolName,
                        Assignment = member.Assignment,
                    });
            }
        }
    }

    private static ErrorCode ValidateSync(ClassicGroup group, SyncGroupRequest request)
    {
        if (group.State == GroupState.Dead)
        {
            return ErrorCode.CoordinatorNotAvailable;
        }

        ErrorCode error = group.ValidateMember(request.MemberId, request.GroupInstanceId);
        if (error != ErrorCode.None)
        {
            return error;
        }

        if (request.GenerationId != group.GenerationId)
        {
            return ErrorCode.IllegalGeneration;
        }

        // KIP-559: a protocol type or name the client sends must be the group's.
        return IsInconsistent(request.ProtocolType, group.ProtocolType) || IsInconsistent(request.ProtocolName, group.ProtocolName)
            ? ErrorCode.InconsistentGroupProtocol
            : ErrorCode.None;
    }

    private static bool IsInconsistent(string? requested, string? actual) => requested is not null && actual is not null && requested != actual;

    private static SyncGroupResponse SyncError(ErrorCode error) => new() { ErrorCode = (short)error };

    /// <summary>A heartbeat keeps the session alive and tells the member whether a rebalance started.</summary>
    public ErrorCode Heartbeat(string groupId, string memberId, string? groupInstanceId, int generationId)
    {
        ClassicGroup? group = Find(groupId);
        if (group is null)
        {
            return FindConsumerGroup(groupId) is { } consumerGroup
                ? ClassicHeartbeatToConsumerGroup(consumerGroup, memberId, groupInstanceId, generationId)
                : ErrorCode.UnknownMemberId;
        }

        lock (group.Sync)
        {
            if (group.State == GroupState.Dead)
            {
                return ErrorCode.CoordinatorNotAvailable;
            }

            ErrorCode error = group.ValidateMember(memberId, groupInstanceId);
            if (error != ErrorCode.None)
            {
                return error;
            }

            if (generationId != group.GenerationId)
            {
                return ErrorCode.IllegalGeneration;
            }

            if (group.State == GroupState.Empty)
            {
                return ErrorCode.UnknownMemberId;
            }

            RescheduleSession(group, group.Member(memberId));
            return group.State == GroupState.PreparingRebalance ? ErrorCode.RebalanceInProgress : ErrorCode.None;
        }
    }

    /// <summary>
    /// Removes members by member id, or by group instance id alone (administrative removal of a static member), and
    /// rebalances the group when someone left. Per-member errors in the v3+ shape.
    /// </summary>
    public LeaveGroupResponse Leave(string groupId, IReadOnlyList<LeaveGroupRequest.MemberIdentity> leaving)
    {
        var response = new LeaveGroupResponse();
        ClassicGroup? group = Find(groupId);
        if (group is null && FindConsumerGroup(groupId) is { } consumerGroup)
        {
            return ClassicLeaveConsumerGroup(consumerGroup, leaving);
        }

        if (group is null)
        {
            foreach (LeaveGroupRequest.MemberIdentity identity in leaving)
            {
                response.Members.Add(LeaveResult(identity, ErrorCode.UnknownMemberId));
            }

            return response;
        }

        lock (group.Sync)
        {
            if (group.State == GroupState.Dead)
            {
                response.ErrorCode = (short)ErrorCode.CoordinatorNotAvailable;
                return response;
            }

            var left = new List<string>();
            foreach (LeaveGroupRequest.MemberIdentity identity in leaving)
            {
                ErrorCode error = LeaveOne(group, identity, left);
                response.Members.Add(LeaveResult(identity, error));
            }

            if (left.Count > 0)
            {
                string reason = $"members {string.Join(", ", left)} left";
                if (group.State is GroupState.Stable or GroupState.CompletingRebalance)
                {
                    MaybePrepareRebalanceOrCompleteJoin(group, reason);
                }
                else if (group.State == GroupState.PreparingRebalance)
                {
                    MaybeCompleteJoinPhase(group);
                }
            }
        }

        return response;
    }

    private ErrorCode LeaveOne(ClassicGroup group, LeaveGroupRequest.MemberIdentity identity, List<string> left)
    {
        string memberId = identity.MemberId;
        if (memberId.Length == 0)
        {
            if (identity.GroupInstanceId is null || group.StaticMemberId(identity.GroupInstanceId) is not { } staticMemberId)
            {
                return ErrorCode.UnknownMemberId;
            }

            memberId = staticMemberId;
        }
        else if (group.IsPendingMember(memberId))
        {
            group.Remove(memberId);
            group.Timers.Cancel(GroupTimers.Session(memberId));
            left.Add(memberId);
            return ErrorCode.None;
        }
        else
        {
            ErrorCode error = group.ValidateMember(memberId, identity.GroupInstanceId);
            if (error != ErrorCode.None)
            {
                return error;
            }
        }

        group.Timers.Cancel(GroupTimers.Session(memberId));
        group.CompleteJoin(group.Member(memberId), JoinError("", ErrorCode.UnknownMemberId));
        group.Remove(memberId);
        Log(group, $"member {memberId} left; reason: {identity.Reason ?? "not provided"}");
        left.Add(memberId);
        return ErrorCode.None;
    }

    private static LeaveGroupResponse.MemberResponse LeaveResult(LeaveGroupRequest.MemberIdentity identity, ErrorCode error) => new()
    {
        MemberId = identity.MemberId,
        GroupInstanceId = identity.GroupInstanceId,
        ErrorCode = (short)error,
    };
}
