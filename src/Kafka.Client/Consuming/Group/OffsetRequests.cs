using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Consuming;

/// <summary>OffsetCommit and OffsetFetch as a group member sends them, for both group protocols; the error handling is each protocol's.</summary>
internal static class OffsetRequests
{
    /// <summary>An OffsetCommit of <paramref name="offsets"/> with the generation (classic) or member epoch (consumer protocol, v9+).</summary>
    public static OffsetCommitRequest Commit(string groupId, int generationOrEpoch, string memberId, string? groupInstanceId, IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> offsets) => new()
    {
        GroupId = groupId,
        GenerationIdOrMemberEpoch = generationOrEpoch,
        MemberId = memberId,
        GroupInstanceId = groupInstanceId,
        Topics = [.. offsets.GroupBy(o => o.Key.Topic).Select(t => new OffsetCommitRequest.OffsetCommitRequestTopic
        {
            Name = t.Key,
            Partitions = [.. t.Select(o => new OffsetCommitRequest.OffsetCommitRequestPartition
            {
                PartitionIndex = o.Key.Partition,
                CommittedOffset = o.Value.Offset,
                CommittedLeaderEpoch = o.Value.LeaderEpoch ?? -1,
                CommittedMetadata = o.Value.Metadata ?? "",
            })],
        })],
    };

    /// <summary>
    /// An OffsetFetch of the partitions at <paramref name="version"/>; from v9 a consumer-protocol member names itself
    /// (<paramref name="memberId"/>, <paramref name="memberEpoch"/>) so the coordinator checks its epoch (KIP-848).
    /// </summary>
    public static OffsetFetchRequest Fetch(short version, string groupId, IReadOnlyList<TopicPartition> partitions, string? memberId = null, int memberEpoch = -1)
    {
        var request = new OffsetFetchRequest { RequireStable = version >= OffsetFetchVersions.RequireStable };
        if (version >= OffsetFetchVersions.Groups)
        {
            request.Groups =
            [
                new OffsetFetchRequest.OffsetFetchRequestGroup
                {
                    GroupId = groupId,
                    MemberId = version >= OffsetFetchVersions.MemberEpoch ? memberId : null,
                    MemberEpoch = version >= OffsetFetchVersions.MemberEpoch ? memberEpoch : -1,
                    Topics = [.. partitions.GroupBy(p => p.Topic).Select(t => new OffsetFetchRequest.OffsetFetchRequestTopics { Name = t.Key, PartitionIndexes = [.. t.Select(p => p.Partition)] })],
                },
            ];
        }
        else
        {
            request.GroupId = groupId;
            request.Topics = [.. partitions.GroupBy(p => p.Topic).Select(t => new OffsetFetchRequest.OffsetFetchRequestTopic { Name = t.Key, PartitionIndexes = [.. t.Select(p => p.Partition)] })];
        }

        return request;
    }

    /// <summary>The group-level error of an OffsetFetch response.</summary>
    public static ErrorCode TopError(OffsetFetchResponse response) =>
        (ErrorCode)(response.Groups.Count > 0 ? response.Groups[0].ErrorCode : response.ErrorCode);

    /// <summary>The committed offsets an OffsetFetch response gives; <see cref="Offset.Unset"/> where none.</summary>
    /// <exception cref="KafkaException">A partition's error.</exception>
    public static Dictionary<TopicPartition, OffsetAndMetadata> Offsets(OffsetFetchResponse response, string groupId)
    {
        var result = new Dictionary<TopicPartition, OffsetAndMetadata>();
        foreach (var (tp, offset, epoch, metadata, code) in Partitions(response))
        {
            var error = (ErrorCode)code;
            if (error != ErrorCode.None)
            {
                throw new KafkaException(error, $"Fetching the committed offset of {tp} in group '{groupId}' failed: {error}.", tp);
            }

            result[tp] = new OffsetAndMetadata(offset < 0 ? Offset.Unset : offset, metadata, epoch < 0 ? null : epoch);
        }

        return result;
    }

    /// <summary>The first partition error of an OffsetCommit response, or none.</summary>
    public static ErrorCode FirstError(OffsetCommitResponse response)
    {
        foreach (OffsetCommitResponse.OffsetCommitResponseTopic topic in response.Topics)
        {
            foreach (OffsetCommitResponse.OffsetCommitResponsePartition partition in topic.Partitions)
            {
                if (partition.ErrorCode != 0)
                {
                    return (ErrorCode)partition.ErrorCode;
                }
            }
        }

        return ErrorCode.None;
    }

    private static IEnumerable<(TopicPartition, long, int, string?, short)> Partitions(OffsetFetchResponse response)
    {
        if (response.Groups.Count > 0)
        {
            return response.Groups[0].Topics.SelectMany(t => t.Partitions.Select(p => (new TopicPartition(t.Name, p.PartitionIndex), p.CommittedOffset, p.CommittedLeaderEpoch, p.Metadata, p.ErrorCode)));
        }

        return response.Topics.SelectMany(t => t.Partitions.Select(p => (new TopicPartition(t.Name, p.PartitionIndex), p.CommittedOffset, p.CommittedLeaderEpoch, p.Metadata, p.ErrorCode)));
    }
}
