using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.Groups.Consumer;

namespace Kafka.Client.Testing.Groups;

/// <summary>
/// Offsets and deletion of consumer-protocol groups: commits checked against the member epoch
/// (<c>ConsumerGroup.validateOffsetCommit</c>, <c>validateOffsetFetch</c>), OffsetDelete and DeleteGroups.
/// </summary>
internal sealed partial class GroupCoordinator
{
    /// <summary>
    /// The check of a commit to a consumer group: an admin or simple commit (epoch below 0) only while the group is
    /// empty; else the member must exist (UNKNOWN_MEMBER_ID) with this epoch (STALE_MEMBER_EPOCH; ILLEGAL_GENERATION for a
/// classic member or a transactional commit), and a plain commit
    /// needs OffsetCommit v9+ (UNSUPPORTED_VERSION). A transactional commit without member, epoch or instance id passes.
    /// </summary>
    private static ErrorCode ValidateConsumerCommit(ConsumerGroup group, string memberId, string? instanceId, int memberEpoch, short? version)
    {
        if (memberEpoch < 0 && group.MemberCount == 0)
        {
            return ErrorCode.None;
        }

        if (version is null && memberEpoch < 0 && memberId.Length == 0 && instanceId is null)
        {
            return ErrorCode.None;
        }

        ConsumerGroupMember? member = group.Member(memberId);
        if (member is null)
        {
            return ErrorCode.UnknownMemberId;
        }

        if (member.Classic is null && version is < OffsetCommitVersions.GroupIdNotFound)
        {
            return ErrorCode.UnsupportedVersion;
        }

        // A classic member's generation is its member epoch (ConsumerGroup.validateMemberEpoch). TxnOffsetCommit has
        // no STALE_MEMBER_EPOCH: Kafka's OffsetMetadataManager.validateTransactionalOffsetCommit answers a stale epoch
        // with ILLEGAL_GENERATION, which producers (Java's TxnOffsetCommitHandler) read as an abortable failure.
        return memberEpoch == member.MemberEpoch ? ErrorCode.None
            : member.Classic is not null || version is null ? ErrorCode.IllegalGeneration
            : ErrorCode.StaleMemberEpoch;
    }

    /// <summary>Commits offsets to a consumer group after the member-epoch check.</summary>
    private ErrorCode[] CommitConsumerOffsets(ConsumerGroup group, string memberId, string? instanceId, int memberEpoch, short version, IReadOnlyList<PartitionCommit> commits)
    {
        lock (group.Sync)
        {
            ErrorCode error = group.IsDead ? ErrorCode.CoordinatorNotAvailable : ValidateConsumerCommit(group, memberId, instanceId, memberEpoch, version);
            if (error != ErrorCode.None)
            {
                return Fill(commits.Count, error);
            }

            return StoreCommits(group.GroupId, commits);
        }
    }

    /// <summary>
    /// The check of an OffsetFetch v9+ that names a member (<c>ConsumerGroup.validateOffsetFetch</c>): the member must
    /// exist with this epoch. An admin fetch (no member id) and any fetch of a classic group pass.
    /// </summary>
    public ErrorCode ValidateOffsetFetch(string groupId, string? memberId, int memberEpoch)
    {
        if (memberId is null || FindConsumerGroup(groupId) is not { } group)
        {
            return ErrorCode.None;
        }

        lock (group.Sync)
        {
            if (memberEpoch < 0 && memberId.Length == 0)
            {
                return ErrorCode.None;
            }

            ConsumerGroupMember? member = group.Member(memberId);
            return member is null ? ErrorCode.UnknownMemberId
                : member.MemberEpoch != memberEpoch ? ErrorCode.StaleMemberEpoch
                : ErrorCode.None;
        }
    }

    /// <summary>True when a member of the consumer group subscribes to <paramref name="topic"/> by name or regex.</summary>
    private static bool IsSubscribed(ConsumerGroup group, string topic) =>
        group.Members.Any(m => m.SubscribedTopicNames.Contains(topic, StringComparer.Ordinal)
            || (m.SubscribedTopicRegex is { } regex && TopicSubscriptions.Matches(regex, topic)));

    private (ErrorCode Error, List<OffsetDeleteResponse.OffsetDeleteResponseTopic> Topics) DeleteConsumerOffsets(
        ConsumerGroup group, IReadOnlyList<(string Topic, IReadOnlyList<int> Partitions)> topics)
    {
        lock (group.Sync)
        {
            return group.IsDead
                ? (ErrorCode.GroupIdNotFound, [])
                : (ErrorCode.None, DeleteUnsubscribedOffsets(group.GroupId, topics, topic => IsSubscribed(group, topic)));
        }
    }

    /// <summary>Deletes an Empty consumer group with its offsets; NON_EMPTY_GROUP while it has members.</summary>
    private ErrorCode DeleteConsumerGroup(ConsumerGroup group)
    {
        lock (group.Sync)
        {
            if (group.IsDead)
            {
                return ErrorCode.GroupIdNotFound;
            }

            if (group.MemberCount > 0)
            {
                return ErrorCode.NonEmptyGroup;
            }

            group.IsDead = true;
            group.Timers.CancelAll();
            ForgetConsumerGroup(group);
            Offsets.DeleteGroup(group.GroupId);
            LogConsumer(group, "deleted");
            return ErrorCode.None;
        }
    }
}
