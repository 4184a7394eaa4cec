using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Admin;

/// <summary>
/// OffsetFetch for one group, in the shape of the version both sides speak: one group with its topics up to v7, a
/// list of groups from v8 (KIP-709). Null partitions ask for every partition the group committed (v2+).
/// </summary>
internal static class OffsetFetchRows
{
    /// <summary>One committed offset as a response carries it.</summary>
    public sealed record Row(TopicPartition TopicPartition, long Offset, int LeaderEpoch, string? Metadata, ErrorCode Error);

    public static OffsetFetchRequest Request(short version, string groupId, IReadOnlyList<TopicPartition>? partitions)
    {
        IEnumerable<IGrouping<string, int>>? topics = partitions?.GroupBy(p => p.Topic, p => p.Partition);
        return version >= OffsetFetchVersions.Groups
            ? new OffsetFetchRequest
            {
                Groups = [new OffsetFetchRequest.OffsetFetchRequestGroup
                {
                    GroupId = groupId,
                    Topics = topics?.Select(t => new OffsetFetchRequest.OffsetFetchRequestTopics { Name = t.Key, PartitionIndexes = [.. t] }).ToList(),
                }],
            }
            : new OffsetFetchRequest
            {
                GroupId = groupId,
                Topics = topics?.Select(t => new OffsetFetchRequest.OffsetFetchRequestTopic { Name = t.Key, PartitionIndexes = [.. t] }).ToList(),
            };
    }

    /// <summary>The group's error and its rows. Before v2 a group error comes on every partition; it is returned as the group's.</summary>
    public static (ErrorCode Error, List<Row> Rows) Read(OffsetFetchResponse response, short version, string groupId)
    {
        if (version >= OffsetFetchVersions.Groups)
        {
            OffsetFetchResponse.OffsetFetchResponseGroup? group = response.Groups.Find(g => g.GroupId == groupId);
            return group is null
                ? (ErrorCode.UnknownServerError, [])
                : ((ErrorCode)group.ErrorCode, [.. PartitionLists.Flatten(group.Topics, t => t.Name, t => t.Partitions, p => p.PartitionIndex)
                    .Select(e => new Row(e.TopicPartition, e.Entry.CommittedOffset, e.Entry.CommittedLeaderEpoch, e.Entry.Metadata, (ErrorCode)e.Entry.ErrorCode))]);
        }

        List<Row> rows = [.. PartitionLists.Flatten(response.Topics, t => t.Name, t => t.Partitions, p => p.PartitionIndex)
            .Select(e => new Row(e.TopicPartition, e.Entry.CommittedOffset, e.Entry.CommittedLeaderEpoch, e.Entry.Metadata, (ErrorCode)e.Entry.ErrorCode))];
        ErrorCode error = (ErrorCode)response.ErrorCode;
        if (error == ErrorCode.None && rows.Find(r => RetryOn.Coordinator.Contains(r.Error)) is { } moved)
        {
            error = moved.Error;
        }

        return (error, rows);
    }
}
