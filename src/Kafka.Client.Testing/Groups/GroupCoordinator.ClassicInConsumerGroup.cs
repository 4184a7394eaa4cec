using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Groups.Consumer;

namespace Kafka.Client.Testing.Groups;

/// <summary>
/// Classic members in a consumer-protocol group (Kafka 4.0's online migration, KIP-848): a consumer that speaks
/// JoinGroup/SyncGroup/Heartbeat/LeaveGroup joins a group whose other members heartbeat with ConsumerGroupHeartbeat,
/// and the consumer group coordinator serves it, as <c>classicGroupJoinToConsumerGroup</c> and its siblings do. Its
/// subscription and owned partitions come from its JoinGroup metadata; its generation is its member epoch; its
/// assignment is computed by the server-side assignor and handed out in SyncGroup; a heartbeat answers
/// REBALANCE_IN_PROGRESS while it has not reached the group's epoch, so it rejoins (revoking, for eager members, all
/// it owns; for cooperative ones, what it lost) and takes the next step of its reconciliation.
/// </summary>
internal sealed partial class GroupCoordinator
{
    private JoinGroupResponse ClassicJoinToConsumerGroup(ConsumerGroup group, JoinCall join)
    {
        lock (group.Sync)
        {
            if (group.IsDead)
            {
                return JoinError(join.MemberId, ErrorCode.CoordinatorNotAvailable);
            }

            if (join.ProtocolType != "consumer" || join.Protocols.Count == 0)
            {
                return JoinError(join.MemberId, ErrorCode.InconsistentGroupProtocol);
            }

            string memberId = join.MemberId;
            if (memberId.Length == 0)
            {
                memberId = (join.GroupInstanceId ?? join.ClientId) + "-" + Guid.NewGuid().ToString("D");
                if (join.GroupInstanceId is null && join.Version >= 4)
                {
                    // KIP-394: a dynamic member first learns its id, then joins with it.
                    return JoinError(memberId, ErrorCode.MemberIdRequired);
                }
            }

            ConsumerProtocolSubscription? subscription = ConsumerProtocolBytes.Read<ConsumerProtocolSubscription>(join.Protocols[0].Metadata);
            if (subscription is null)
            {
                return JoinError(memberId, ErrorCode.InconsistentGroupProtocol);
            }

            (ConsumerGroupMember? member, bool joined, ErrorCode error) = ClassicMember(group, memberId, join);
            if (member is null)
            {
                return JoinError(join.MemberId, error);
            }

            IReadOnlyList<TopicInfo> topics = Topics();
            Dictionary<string, TopicInfo> byName = topics.ToDictionary(t => t.Name, StringComparer.Ordinal);
            List<string> names = [.. subscription.Topics.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            bool changed = joined || !names.SequenceEqual(member.SubscribedTopicNames, StringComparer.Ordinal);
            member.SubscribedTopicNames = names;
            member.SubscribedTopicRegex = null;
            member.RackId = subscription.RackId;
            member.RebalanceTimeoutMs = join.RebalanceTimeoutMs;
            member.ClientId = join.ClientId;
            member.ClientHost = join.ClientHost;
            member.Classic = new ClassicMembership(join.SessionTimeoutMs, join.Protocols[0].Name);
            if (joined)
            {
                group.Add(member);
                LogConsumer(group, $"member {member.MemberId} joined with the classic protocol");
            }

            RefreshTargetAssignment(group, topics, changed);

            // What the member owns now, by its own account (none for an eager member, which revoked all before joining).
            HashSet<TopicIdPartition> owned = ConsumerProtocolBytes.ToTopicIds(subscription.OwnedPartitions.Select(t => (t.Topic, t.Partitions)), byName);
            MemberState before = member.State;
            AssignmentReconciler.Reconcile(group, member, owned);
            if (member.State == MemberState.UnrevokedPartitions)
            {
                // The JoinGroup says what it still owns: if the revoked partitions are not among them, go on at once.
                AssignmentReconciler.Reconcile(group, member, owned);
            }

            ScheduleConsumerTimers(group, member, before, new ConsumerGroupTimeouts(join.SessionTimeoutMs, 0));
            return new JoinGroupResponse
            {
                MemberId = member.MemberId,
                GenerationId = member.MemberEpoch,
                ProtocolType = "consumer",
                ProtocolName = member.Classic.ProtocolName,
                Leader = "",
            };
        }
    }

    /// <summary>The classic member (found, created, or a static member taking its instance id's place), or an error.</summary>
    private (ConsumerGroupMember? Member, bool Joined, ErrorCode Error) ClassicMember(ConsumerGroup group, string memberId, JoinCall join)
    {
        if (join.GroupInstanceId is { } instanceId && group.StaticMember(instanceId) is { } existing && existing.MemberId != memberId)
        {
            if (existing.Classic is null && existing.MemberEpoch != ConsumerGroupMember.LeftStaticEpoch)
            {
                return (null, false, ErrorCode.UnreleasedInstanceId);
            }

            return (ReplaceStaticMember(group, existing, memberId), false, ErrorCode.None);
        }

        if (group.Member(memberId) is { } known)
        {
            return known.Classic is null ? (null, false, ErrorCode.UnknownMemberId) : (known, false, ErrorCode.None);
        }

        // As Kafka, a JoinGroup with an id the group does not have creates the member (the id came with MEMBER_ID_REQUIRED).
        return group.MemberCount >= _options.ConsumerGroupMaxSize
            ? (null, false, ErrorCode.GroupMaxSizeReached)
            : (new ConsumerGroupMember(memberId) { InstanceId = join.GroupInstanceId }, true, ErrorCode.None);
    }

    /// <summary>SyncGroup of a classic member: its current assignment, in the consumer protocol's bytes.</summary>
    private SyncGroupResponse ClassicSyncToConsumerGroup(ConsumerGroup group, SyncGroupRequest request)
    {
        lock (group.Sync)
        {
            ErrorCode error = ValidateClassicMember(group, request.MemberId, request.GroupInstanceId, request.GenerationId, out ConsumerGroupMember? member);
            if (error != ErrorCode.None)
            {
                return SyncError(error);
            }

            if (IsInconsistent(request.ProtocolType, "consumer") || IsInconsistent(request.ProtocolName, member!.Classic!.ProtocolName))
            {
                return SyncError(ErrorCode.InconsistentGroupProtocol);
            }

            Dictionary<KafkaUuid, string> names = Topics().ToDictionary(t => t.Id, t => t.Name);
            var assignment = new ConsumerProtocolAssignment
            {
                AssignedPartitions = [.. member.Assigned.Where(p => names.ContainsKey(p.TopicId)).GroupBy(p => names[p.TopicId])
                    .Select(t => new ConsumerProtocolAssignment.TopicPartition { Topic = t.Key, Partitions = [.. t.Select(p => p.Partition).Order()] })],
            };
            using var buffer = new PooledBufferWriter();
            var writer = new KafkaWriter(buffer);
            writer.WriteInt16(0);
            assignment.Write(ref writer, 0);
            writer.Flush();
            RescheduleClassicSession(group, member);
            return new SyncGroupResponse { ProtocolType = "consumer", ProtocolName = member.Classic.ProtocolName, Assignment = buffer.WrittenSpan.ToArray() };
        }
    }

    /// <summary>Heartbeat of a classic member: REBALANCE_IN_PROGRESS until it has its target at the group's epoch.</summary>
    private ErrorCode ClassicHeartbeatToConsumerGroup(ConsumerGroup group, string memberId, string? instanceId, int generationId)
    {
        lock (group.Sync)
        {
            ErrorCode error = ValidateClassicMember(group, memberId, instanceId, generationId, out ConsumerGroupMember? member);
            if (error != ErrorCode.None)
            {
                return error;
            }

            RescheduleClassicSession(group, member!);
            return member!.State != MemberState.Stable || member.MemberEpoch != group.GroupEpoch ? ErrorCode.RebalanceInProgress : ErrorCode.None;
        }
    }

    /// <summary>LeaveGroup of classic members of a consumer group: each leaves as with epoch -1.</summary>
    private LeaveGroupResponse ClassicLeaveConsumerGroup(ConsumerGroup group, IReadOnlyList<LeaveGroupRequest.MemberIdentity> leaving)
    {
        var response = new LeaveGroupResponse();
        lock (group.Sync)
        {
            foreach (LeaveGroupRequest.MemberIdentity identity in leaving)
            {
                ConsumerGroupMember? member = identity.MemberId.Length > 0 ? group.Member(identity.MemberId)
                    : identity.GroupInstanceId is { } instanceId ? group.StaticMember(instanceId) : null;
                ErrorCode error = member is null || member.Classic is null ? ErrorCode.UnknownMemberId
                    : identity.GroupInstanceId is not null && member.InstanceId != identity.GroupInstanceId ? ErrorCode.FencedInstanceId
                    : ErrorCode.None;
                if (error == ErrorCode.None)
                {
                    FenceConsumerMember(group, member!.MemberId);
                    LogConsumer(group, $"classic member {member.MemberId} left; reason: {identity.Reason ?? "not provided"}");
                }

                response.Members.Add(LeaveResult(identity, error));
            }
        }

        return response;
    }

    /// <summary>
    /// Kafka's <c>validateConsumerGroupMember</c> then <c>throwIfMemberDoesNotUseClassicProtocol</c>: a static member
    /// is found by its instance id, and another member id with it is fenced (its next incarnation took its place).
    /// </summary>
    private static ErrorCode ValidateClassicMember(ConsumerGroup group, string memberId, string? instanceId, int generationId, out ConsumerGroupMember? member)
    {
        member = instanceId is null ? group.Member(memberId) : group.StaticMember(instanceId);
        if (group.IsDead)
        {
            return ErrorCode.CoordinatorNotAvailable;
        }

        if (member is null)
        {
            return ErrorCode.UnknownMemberId;
        }

        if (instanceId is not null && member.MemberId != memberId)
        {
            return ErrorCode.FencedInstanceId;
        }

        if (member.Classic is null)
        {
            return ErrorCode.UnknownMemberId;
        }

        return generationId != member.MemberEpoch ? ErrorCode.IllegalGeneration : ErrorCode.None;
    }

    private void RescheduleClassicSession(ConsumerGroup group, ConsumerGroupMember member)
    {
        string memberId = member.MemberId;
        int timeoutMs = member.Classic!.SessionTimeoutMs;
        group.Timers.Schedule(GroupTimers.Session(memberId), timeoutMs, () =>
        {
            LogConsumer(group, $"classic member {memberId} fenced: no heartbeat within its session timeout ({timeoutMs} ms)");
            FenceConsumerMember(group, memberId);
        });
    }
}
