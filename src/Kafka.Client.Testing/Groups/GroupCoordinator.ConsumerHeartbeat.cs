using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Groups.Consumer;

namespace Kafka.Client.Testing.Groups;

/// <summary>
/// ConsumerGroupHeartbeat (KIP-848): joining, heartbeating and leaving a consumer-protocol group, following Kafka
/// 4.0's <c>GroupMetadataManager.consumerGroupHeartbeat</c> and <c>consumerGroupLeave</c>. Each heartbeat updates the
/// member, bumps the group epoch when a subscription or the subscribed topics changed, recomputes the target
/// assignment when it is behind the group epoch, and moves the member towards its target (<see cref="AssignmentReconciler"/>).
/// </summary>
internal sealed partial class GroupCoordinator
{
    /// <summary>The epoch a member sends to leave (<c>LEAVE_GROUP_MEMBER_EPOCH</c>).</summary>
    private const int LeaveEpoch = -1;

    /// <summary>The session timeout and heartbeat interval in force for a group (its own configs, else the broker's).</summary>
    internal readonly record struct ConsumerGroupTimeouts(int SessionTimeoutMs, int HeartbeatIntervalMs);

    private static string RebalanceTimer(string memberId) => "rebalance:" + memberId;

    /// <summary>Handles a ConsumerGroupHeartbeat the handler has validated, against the cluster's topics now (<see cref="Topics"/>).</summary>
    public ConsumerGroupHeartbeatResponse ConsumerHeartbeat(
        ConsumerGroupHeartbeatRequest request, string clientId, string clientHost, ConsumerGroupTimeouts timeouts)
    {
        try
        {
            return request.MemberEpoch is LeaveEpoch or ConsumerGroupMember.LeftStaticEpoch
                ? ConsumerLeave(request)
                : ConsumerJoinOrHeartbeat(request, clientId, clientHost, Topics(), timeouts);
        }
        catch (GroupRequestException e)
        {
            return new ConsumerGroupHeartbeatResponse { ErrorCode = (short)e.Error, ErrorMessage = e.Message, MemberEpoch = 0 };
        }
    }

    private ConsumerGroupHeartbeatResponse ConsumerJoinOrHeartbeat(
        ConsumerGroupHeartbeatRequest request, string clientId, string clientHost, IReadOnlyList<TopicInfo> topics, ConsumerGroupTimeouts timeouts)
    {
        while (true)
        {
            ConsumerGroup group = GetOrCreateConsumerGroup(request.GroupId, create: request.MemberEpoch == 0);
            lock (group.Sync)
            {
                if (group.IsDead)
                {
                    continue;
                }

                return HeartbeatLocked(group, request, clientId, clientHost, topics, timeouts);
            }
        }
    }

    private ConsumerGroupHeartbeatResponse HeartbeatLocked(
        ConsumerGroup group, ConsumerGroupHeartbeatRequest request, string clientId, string clientHost, IReadOnlyList<TopicInfo> topics, ConsumerGroupTimeouts timeouts)
    {
        // v0 lets the coordinator give the id; from v1 the client brings its own (KIP-1082).
        string memberId = request.MemberId.Length > 0 ? request.MemberId : KafkaUuid.NewRandom().ToString();
        if (group.MemberCount >= _options.ConsumerGroupMaxSize && group.Member(memberId) is null)
        {
            throw new GroupRequestException(ErrorCode.GroupMaxSizeReached, $"The consumer group has reached its maximum capacity of {_options.ConsumerGroupMaxSize} members.");
        }

        HashSet<TopicIdPartition>? owned = request.TopicPartitions is { } reported
            ? [.. reported.SelectMany(t => t.Partitions.Select(p => new TopicIdPartition(t.TopicId, p)))]
            : null;
        (ConsumerGroupMember member, bool joined) = request.InstanceId is { } instanceId
            ? StaticMember(group, memberId, instanceId, request.MemberEpoch, owned)
            : DynamicMember(group, memberId, request.MemberEpoch, owned);

        bool subscriptionChanged = Subscribe(member, request) || joined;

        // A member heartbeating is a consumer-protocol member, even one that joined with JoinGroup (Kafka's heartbeat
        // sets classicMemberMetadata to null); with KAFKA-19233 a classic member's id can rejoin with epoch 0.
        member.Classic = null;
        member.ClientId = clientId;
        member.ClientHost = clientHost;
        if (joined)
        {
            group.Add(member);
            LogConsumer(group, $"member {member.MemberId} joined with the consumer protocol");
        }

        RefreshTargetAssignment(group, topics, subscriptionChanged);
        MemberState before = member.State;
        bool assignmentChanged = AssignmentReconciler.Reconcile(group, member, owned);
        ScheduleConsumerTimers(group, member, before, timeouts);

        var response = new ConsumerGroupHeartbeatResponse
        {
            MemberId = member.MemberId,
            MemberEpoch = member.MemberEpoch,
            HeartbeatIntervalMs = timeouts.HeartbeatIntervalMs,
        };

        // A full request (joining, or one that says everything) always gets the assignment; otherwise only a change.
        bool full = request.MemberEpoch == 0
            || (request.RebalanceTimeoutMs != -1 && (request.SubscribedTopicNames is not null || request.SubscribedTopicRegex is not null) && request.TopicPartitions is not null);
        if (full || assignmentChanged)
        {
            response.Assignment = new ConsumerGroupHeartbeatResponse.AssignmentData
            {
                TopicPartitions = [.. member.Assigned.GroupBy(p => p.TopicId).Select(t => new ConsumerGroupHeartbeatResponse.TopicPartitions
                {
                    TopicId = t.Key,
                    Partitions = [.. t.Select(p => p.Partition).Order()],
                })],
            };
        }

        return response;
    }

    /// <summary>A member without instance id: created when it joins (epoch 0), else it must exist and have a valid epoch.</summary>
    private static (ConsumerGroupMember Member, bool Joined) DynamicMember(ConsumerGroup group, string memberId, int memberEpoch, IReadOnlySet<TopicIdPartition>? owned)
    {
        if (group.Member(memberId) is { } existing)
        {
            ThrowIfEpochInvalid(existing, memberEpoch, owned);
            return (existing, false);
        }

        return memberEpoch == 0
            ? (new ConsumerGroupMember(memberId), true)
            : throw new GroupRequestException(ErrorCode.UnknownMemberId, $"Member {memberId} is not a member of group {group.GroupId}.");
    }

    /// <summary>
    /// A static member (<c>group.instance.id</c>). Joining with an instance id another consumer-protocol member holds
    /// is refused unless that member left with epoch -2; then the new member takes its place with its assignment, and
    /// the group epoch does not move (no rebalance for a restart). A classic member's instance id is taken over at
    /// once, as Kafka's <c>getOrMaybeSubscribeStaticConsumerGroupMember</c> does: the upgrade of a static member.
    /// </summary>
    private (ConsumerGroupMember Member, bool Joined) StaticMember(ConsumerGroup group, string memberId, string instanceId, int memberEpoch, IReadOnlySet<TopicIdPartition>? owned)
    {
        ConsumerGroupMember? existing = group.StaticMember(instanceId);
        if (memberEpoch == 0)
        {
            if (existing is null)
            {
                return group.Member(memberId) is { } sameId ? (sameId, false) : (new ConsumerGroupMember(memberId) { InstanceId = instanceId }, true);
            }

            if (existing.Classic is null && existing.MemberEpoch != ConsumerGroupMember.LeftStaticEpoch)
            {
                throw new GroupRequestException(ErrorCode.UnreleasedInstanceId,
                    $"Static member {memberId} with instance id {instanceId} cannot join the group because the instance id is owned by {existing.MemberId} member.");
            }

            return (ReplaceStaticMember(group, existing, memberId), false);
        }

        if (existing is null)
        {
            throw new GroupRequestException(ErrorCode.UnknownMemberId, $"Instance id {instanceId} is unknown.");
        }

        if (existing.MemberId != memberId)
        {
            throw new GroupRequestException(ErrorCode.FencedInstanceId,
                $"Static member {memberId} with instance id {instanceId} is fenced by the existing member {existing.MemberId}.");
        }

        ThrowIfEpochInvalid(existing, memberEpoch, owned);
        return (existing, false);
    }

    /// <summary>
    /// A static member's next incarnation takes its place: the same assignment and target under the new member id, at
    /// epoch 0 (reconciliation brings it straight to the target epoch), the old one's timers cancelled.
    /// </summary>
    private ConsumerGroupMember ReplaceStaticMember(ConsumerGroup group, ConsumerGroupMember existing, string memberId)
    {
        ConsumerGroupMember replacement = existing.CopyAs(memberId);
        replacement.MemberEpoch = 0;
        HashSet<TopicIdPartition>? target = group.Target.GetValueOrDefault(existing.MemberId);
        group.Timers.Cancel(GroupTimers.Session(existing.MemberId));
        group.Timers.Cancel(RebalanceTimer(existing.MemberId));
        group.Remove(existing.MemberId);
        if (target is not null)
        {
            group.Target[memberId] = target;
        }

        group.Add(replacement);
        LogConsumer(group, $"static member {existing.InstanceId} rejoined as {memberId} in place of {existing.MemberId}");
        return replacement;
    }

    /// <summary>
    /// Kafka's <c>throwIfConsumerGroupMemberEpochIsInvalid</c>: a greater epoch than the coordinator's, or a smaller one
    /// that is not the previous epoch with a subset of the assignment (a lost answer), fences the member. Epoch 0 is a
    /// fenced member rejoining with its id, as KIP-848 specifies: it is taken, and the member gets its assignment at
    /// the coordinator's epoch at once instead of being fenced until its session times out (KAFKA-19233,
    /// apache/kafka#21305, which Kafka 4.0.0 did not have yet).
    /// </summary>
    private static void ThrowIfEpochInvalid(ConsumerGroupMember member, int received, IReadOnlySet<TopicIdPartition>? owned)
    {
        if (received == 0)
        {
            return;
        }

        if (received > member.MemberEpoch)
        {
            throw new GroupRequestException(ErrorCode.FencedMemberEpoch,
                $"The consumer group member has a greater member epoch ({received}) than the one known by the group coordinator ({member.MemberEpoch}). The member must abandon all its partitions and rejoin.");
        }

        if (received < member.MemberEpoch && (received != member.PreviousMemberEpoch || owned is null || !owned.IsSubsetOf(member.Assigned)))
        {
            throw new GroupRequestException(ErrorCode.FencedMemberEpoch,
                $"The consumer group member has a smaller member epoch ({received}) than the one known by the group coordinator ({member.MemberEpoch}). The member must abandon all its partitions and rejoin.");
        }
    }

    /// <summary>Applies what the request sets (null fields keep their values); true when the subscription changed.</summary>
    private static bool Subscribe(ConsumerGroupMember member, ConsumerGroupHeartbeatRequest request)
    {
        bool changed = false;
        if (request.RackId is not null)
        {
            member.RackId = request.RackId;
        }

        if (request.RebalanceTimeoutMs != -1)
        {
            member.RebalanceTimeoutMs = request.RebalanceTimeoutMs;
        }

        if (request.SubscribedTopicNames is { } names)
        {
            List<string> sorted = [.. names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            changed |= !sorted.SequenceEqual(member.SubscribedTopicNames, StringComparer.Ordinal);
            member.SubscribedTopicNames = sorted;
        }

        if (request.SubscribedTopicRegex is { } regex)
        {
            string? value = regex.Length == 0 ? null : regex;
            changed |= value != member.SubscribedTopicRegex;
            member.SubscribedTopicRegex = value;
        }

        if (request.ServerAssignor is { } assignor)
        {
            changed |= assignor != member.ServerAssignor;
            member.ServerAssignor = assignor;
        }

        return changed;
    }

    /// <summary>
    /// Bumps the group epoch when a subscription or the subscribed topics (ids and partition counts) changed, and
    /// recomputes the target assignment when it is behind the group epoch.
    /// </summary>
    private void RefreshTargetAssignment(ConsumerGroup group, IReadOnlyList<TopicInfo> topics, bool subscriptionChanged)
    {
        Dictionary<string, TopicInfo> byName = topics.ToDictionary(t => t.Name, StringComparer.Ordinal);
        Dictionary<string, HashSet<KafkaUuid>> subscriptions = group.Members.ToDictionary(
            m => m.MemberId, m => TopicSubscriptions.Resolve(m, byName), StringComparer.Ordinal);
        Dictionary<KafkaUuid, int> partitionCounts = topics.Where(t => subscriptions.Values.Any(s => s.Contains(t.Id))).ToDictionary(t => t.Id, t => t.Partitions);
        string fingerprint = string.Join(";", partitionCounts.OrderBy(t => t.Key.ToString(), StringComparer.Ordinal).Select(t => $"{t.Key}:{t.Value}"));
        if (subscriptionChanged || fingerprint != group.SubscriptionFingerprint)
        {
            group.GroupEpoch++;
            group.SubscriptionFingerprint = fingerprint;
        }

        if (group.GroupEpoch > group.AssignmentEpoch)
        {
            ComputeTargetAssignment(group, subscriptions, partitionCounts);
        }
    }

    /// <summary>Computes the target assignment for the group epoch with the members' preferred assignor.</summary>
    private void ComputeTargetAssignment(ConsumerGroup group, Dictionary<string, HashSet<KafkaUuid>> subscriptions, Dictionary<KafkaUuid, int> partitionCounts)
    {
        ServerAssignor assignor = ServerAssignor.For(group.PreferredAssignor(_options.ConsumerGroupAssignors[0]));
        List<AssignorMember> members = [.. group.Members.OrderBy(m => m.MemberId, StringComparer.Ordinal)
            .Select(m => new AssignorMember(m.MemberId, subscriptions[m.MemberId]))];
        Dictionary<string, HashSet<TopicIdPartition>> target = assignor.Assign(members, partitionCounts, group.Target);
        group.Target.Clear();
        foreach (var (memberId, partitions) in target)
        {
            group.Target[memberId] = partitions;
        }

        group.AssignmentEpoch = group.GroupEpoch;
        group.AssignorName = assignor.Name;
        LogConsumer(group, $"target assignment of epoch {group.AssignmentEpoch} computed by {assignor.Name} for {members.Count} members");
    }

    /// <summary>
    /// The session timer (restarted by every heartbeat) and the rebalance timer (started when the member has to revoke
    /// partitions: if it has not within its rebalance timeout it is fenced, as <c>scheduleConsumerGroupRebalanceTimeout</c>).
    /// </summary>
    private void ScheduleConsumerTimers(ConsumerGroup group, ConsumerGroupMember member, MemberState before, ConsumerGroupTimeouts timeouts)
    {
        string memberId = member.MemberId;
        group.Timers.Schedule(GroupTimers.Session(memberId), timeouts.SessionTimeoutMs, () =>
        {
            LogConsumer(group, $"member {memberId} fenced: no heartbeat within the session timeout ({timeouts.SessionTimeoutMs} ms)");
            FenceConsumerMember(group, memberId);
        });

        if (member.State != MemberState.UnrevokedPartitions)
        {
            group.Timers.Cancel(RebalanceTimer(memberId));
        }
        else if (before != MemberState.UnrevokedPartitions)
        {
            int epoch = member.MemberEpoch;
            group.Timers.Schedule(RebalanceTimer(memberId), Math.Max(member.RebalanceTimeoutMs, 0), () =>
            {
                if (group.Member(memberId) is { State: MemberState.UnrevokedPartitions } late && late.MemberEpoch == epoch)
                {
                    LogConsumer(group, $"member {memberId} fenced: it did not revoke its partitions within its rebalance timeout");
                    FenceConsumerMember(group, memberId);
                }
            });
        }
    }

    /// <summary>Removes a member with what it holds and bumps the group epoch; the caller holds the group's lock.</summary>
    private static void FenceConsumerMember(ConsumerGroup group, string memberId)
    {
        if (group.Member(memberId) is null)
        {
            return;
        }

        group.Timers.Cancel(GroupTimers.Session(memberId));
        group.Timers.Cancel(RebalanceTimer(memberId));
        group.Remove(memberId);
        group.GroupEpoch++;
    }

    /// <summary>
    /// Epoch -1: the member leaves (its partitions are free at once); epoch -2: a static member leaves for a while,
    /// keeping its assignment until its session times out or its next incarnation takes its place.
    /// </summary>
    private ConsumerGroupHeartbeatResponse ConsumerLeave(ConsumerGroupHeartbeatRequest request)
    {
        ConsumerGroup group = GetOrCreateConsumerGroup(request.GroupId, create: false);
        lock (group.Sync)
        {
            ConsumerGroupMember member;
            if (request.InstanceId is { } instanceId)
            {
                member = group.StaticMember(instanceId) ?? throw new GroupRequestException(ErrorCode.UnknownMemberId, $"Instance id {instanceId} is unknown.");
                if (member.MemberId != request.MemberId)
                {
                    throw new GroupRequestException(ErrorCode.FencedInstanceId,
                        $"Static member {request.MemberId} with instance id {instanceId} is fenced by the existing member {member.MemberId}.");
                }
            }
            else
            {
                member = group.Member(request.MemberId) ?? throw new GroupRequestException(ErrorCode.UnknownMemberId, $"Member {request.MemberId} is not a member of group {group.GroupId}.");
            }

            if (request.MemberEpoch == ConsumerGroupMember.LeftStaticEpoch && member.InstanceId is not null)
            {
                group.Release(member);
                member.PreviousMemberEpoch = member.MemberEpoch;
                member.MemberEpoch = ConsumerGroupMember.LeftStaticEpoch;
                member.PendingRevocation = [];
                member.State = MemberState.Stable;
                group.Claim(member);
                group.Timers.Cancel(RebalanceTimer(member.MemberId));
                LogConsumer(group, $"static member {member.InstanceId} ({member.MemberId}) left temporarily");
            }
            else
            {
                FenceConsumerMember(group, member.MemberId);
                LogConsumer(group, $"member {member.MemberId} left");
            }

            return new ConsumerGroupHeartbeatResponse { MemberId = member.MemberId, MemberEpoch = request.MemberEpoch };
        }
    }
}
