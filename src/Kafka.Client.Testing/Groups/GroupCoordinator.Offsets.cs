using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;

namespace Kafka.Client.Testing.Groups;

/// <summary>OffsetCommit, OffsetFetch and OffsetDelete (OffsetMetadataManager, ClassicGroup.validateOffsetCommit).</summary>
internal sealed partial class GroupCoordinator
{
    /// <summary>One partition's offset to commit.</summary>
    internal readonly record struct PartitionCommit(string Topic, int Partition, long Offset, int LeaderEpoch, string? Metadata);

    /// <summary>
    /// Commits offsets for a member of the current generation, or for a simple consumer (generation -1, no member
    /// id) while the group is Empty or does not exist. Returns one error per commit, in order.
    /// </summary>
    public ErrorCode[] CommitOffsets(string groupId, string memberId, string? groupInstanceId, int generationId, short version, IReadOnlyList<PartitionCommit> commits)
    {
        if (FindConsumerGroup(groupId) is { } consumerGroup)
        {
            return CommitConsumerOffsets(consumerGroup, memberId, groupInstanceId, generationId, version, commits);
        }

        ClassicGroup? group = Find(groupId);
        if (group is null)
        {
            if (generationId >= 0)
            {
                // OffsetCommit v9+ says GROUP_ID_NOT_FOUND; older versions keep ILLEGAL_GENERATION (OffsetMetadataManager.validateOffsetCommit).
                return Fill(commits.Count, version >= OffsetCommitVersions.GroupIdNotFound ? ErrorCode.GroupIdNotFound : ErrorCode.IllegalGeneration);
            }

            group = GetOrCreate(groupId);
            if (group is null)
            {
                return Fill(commits.Count, ErrorCode.CoordinatorNotAvailable);
            }
        }

        lock (group.Sync)
        {
            ErrorCode error = ValidateOffsetCommit(group, memberId, groupInstanceId, generationId);
            if (error != ErrorCode.None)
            {
                return Fill(commits.Count, error);
            }

            // Commits keep a classic member's session alive.
            if (group.State is GroupState.Stable or GroupState.PreparingRebalance && group.HasMember(memberId))
            {
                RescheduleSession(group, group.Member(memberId));
            }

            return StoreCommits(groupId, commits);
        }
    }

    /// <summary>Stores validated commits, each stamped now; OFFSET_METADATA_TOO_LARGE for a metadata string past the limit.</summary>
    private ErrorCode[] StoreCommits(string groupId, IReadOnlyList<PartitionCommit> commits)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var results = new ErrorCode[commits.Count];
        for (int i = 0; i < commits.Count; i++)
        {
            PartitionCommit c = commits[i];
            if (c.Metadata is { Length: > OffsetMetadataMaxSize })
            {
                results[i] = ErrorCode.OffsetMetadataTooLarge;
                continue;
            }

            Offsets.Commit(groupId, c.Topic, c.Partition, new CommittedOffset(c.Offset, c.LeaderEpoch, c.Metadata, now));
        }

        return results;
    }

    private static ErrorCode ValidateOffsetCommit(ClassicGroup group, string memberId, string? groupInstanceId, int generationId)
    {
        if (group.State == GroupState.Dead)
        {
            return ErrorCode.CoordinatorNotAvailable;
        }

        if (generationId < 0 && group.State == GroupState.Empty)
        {
            // The admin client or a consumer without group management: allowed while nobody is a member.
            return ErrorCode.None;
        }

        if (generationId >= 0 || memberId.Length > 0 || groupInstanceId is not null)
        {
            ErrorCode error = group.ValidateMember(memberId, groupInstanceId);
            if (error != ErrorCode.None)
            {
                return error;
            }

            if (generationId != group.GenerationId)
            {
                return ErrorCode.IllegalGeneration;
            }
        }
        else if (group.State != GroupState.Empty)
        {
            return ErrorCode.UnknownMemberId;
        }

        // The member has its JoinGroup answer but not its assignment yet.
        return group.State == GroupState.CompletingRebalance ? ErrorCode.RebalanceInProgress : ErrorCode.None;
    }

    private static ErrorCode[] Fill(int count, ErrorCode error)
    {
        var errors = new ErrorCode[count];
        Array.Fill(errors, error);
        return errors;
    }

    /// <summary>
    /// The committed offsets of the given partitions (-1 where none), or of every partition when
    /// <paramref name="topics"/> is null. An unknown group has no offsets and no error (OffsetMetadataManager.fetchOffsets).
    /// </summary>
    public OffsetFetchResponse.OffsetFetchResponseGroup FetchOffsets(string groupId, IReadOnlyList<(string Topic, IReadOnlyList<int> Partitions)>? topics)
    {
        var result = new OffsetFetchResponse.OffsetFetchResponseGroup { GroupId = groupId };
        bool known = Exists(groupId);
        if (topics is null)
        {
            string? current = null;
            foreach ((string topic, int partition, CommittedOffset offset) in known ? Offsets.All(groupId) : [])
            {
                if (topic != current)
                {
                    result.Topics.Add(new OffsetFetchResponse.OffsetFetchResponseTopics { Name = topic });
                    current = topic;
                }

                result.Topics[^1].Partitions.Add(Fetched(partition, offset));
            }

            return result;
        }

        foreach ((string topic, IReadOnlyList<int> partitions) in topics)
        {
            var topicResult = new OffsetFetchResponse.OffsetFetchResponseTopics { Name = topic };
            result.Topics.Add(topicResult);
            foreach (int partition in partitions)
            {
                CommittedOffset? offset = known ? Offsets.Get(groupId, topic, partition) : null;
                topicResult.Partitions.Add(offset is { } o
                    ? Fetched(partition, o)
                    : new OffsetFetchResponse.OffsetFetchResponsePartitions { PartitionIndex = partition, CommittedOffset = -1, CommittedLeaderEpoch = -1, Metadata = "" });
            }
        }

        return result;
    }

    private static OffsetFetchResponse.OffsetFetchResponsePartitions Fetched(int partition, CommittedOffset offset) => new()
    {
        PartitionIndex = partition,
        CommittedOffset = offset.Offset,
        CommittedLeaderEpoch = offset.LeaderEpoch,
        Metadata = offset.Metadata,
    };

    /// <summary>
    /// Deletes committed offsets: any in an Empty group; in a consumer group with members only those of topics no
    /// member subscribes to (GROUP_SUBSCRIBED_TO_TOPIC otherwise); never in a non-consumer group with members.
    /// </summary>
    public (ErrorCode Error, List<OffsetDeleteResponse.OffsetDeleteResponseTopic> Topics) DeleteOffsets(string groupId, IReadOnlyList<(string Topic, IReadOnlyList<int> Partitions)> topics)
    {
        if (FindConsumerGroup(groupId) is { } consumerGroup)
        {
            return DeleteConsumerOffsets(consumerGroup, topics);
        }

        ClassicGroup? group = Find(groupId);
        if (group is null)
        {
            return (ErrorCode.GroupIdNotFound, []);
        }

        lock (group.Sync)
        {
            if (group.State == GroupState.Dead)
            {
                return (ErrorCode.GroupIdNotFound, []);
            }

            return group.State != GroupState.Empty && !group.UsesConsumerProtocol
                ? (ErrorCode.NonEmptyGroup, [])
                : (ErrorCode.None, DeleteUnsubscribedOffsets(groupId, topics, group.IsSubscribedToTopic));
        }
    }

    /// <summary>Deletes the offsets of the partitions whose topic no member subscribes to; GROUP_SUBSCRIBED_TO_TOPIC for the others.</summary>
    private List<OffsetDeleteResponse.OffsetDeleteResponseTopic> DeleteUnsubscribedOffsets(
        string groupId, IReadOnlyList<(string Topic, IReadOnlyList<int> Partitions)> topics, Func<string, bool> isSubscribed)
    {
        var results = new List<OffsetDeleteResponse.OffsetDeleteResponseTopic>();
        foreach ((string topic, IReadOnlyList<int> partitions) in topics)
        {
            var topicResult = new OffsetDeleteResponse.OffsetDeleteResponseTopic { Name = topic };
            results.Add(topicResult);
            bool subscribed = isSubscribed(topic);
            foreach (int partition in partitions)
            {
                if (!subscribed)
                {
                    Offsets.Delete(groupId, topic, partition);
                }

                topicResult.Partitions.Add(new OffsetDeleteResponse.OffsetDeleteResponsePartition
                {
                    PartitionIndex = partition,
                    ErrorCode = (short)(subscribed ? ErrorCode.GroupSubscribedToTopic : ErrorCode.None),
                });
            }
        }

        return results;
    }
}
