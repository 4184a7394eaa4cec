using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.State;

namespace Kafka.Client.Testing.Handlers;

/// <summary>ListOffsets (2): earliest (-2), latest (-1), max timestamp (-3), by timestamp; v0's list of old-style offsets.</summary>
internal sealed class ListOffsetsHandler : ApiHandler<ListOffsetsRequest, ListOffsetsResponse>
{
    private const long Latest = -1, Earliest = -2, MaxTimestamp = -3, EarliestLocal = -4, LatestTiered = -5;

    public override ApiKey Api => ApiKey.ListOffsets;

    public override ValueTask<ListOffsetsResponse?> HandleAsync(RequestContext context, ListOffsetsRequest list, CancellationToken cancellationToken)
    {
        var response = new ListOffsetsResponse();
        foreach (ListOffsetsRequest.ListOffsetsTopic topic in list.Topics)
        {
            var topicResult = new ListOffsetsResponse.ListOffsetsTopicResponse { Name = topic.Name };
            response.Topics.Add(topicResult);
            foreach (ListOffsetsRequest.ListOffsetsPartition p in topic.Partitions)
            {
                var result = new ListOffsetsResponse.ListOffsetsPartitionResponse { PartitionIndex = p.PartitionIndex };
                topicResult.Partitions.Add(result);
                PartitionState? partition = LeaderChecks.Find(context, topic.Name, p.PartitionIndex, AclOperation.Describe, out ErrorCode missing);
                if (partition is null)
                {
                    result.ErrorCode = (short)missing;
                    continue;
                }

                lock (partition.Sync)
                {
                    ErrorCode error = LeaderChecks.CheckLocked(context, partition, p.CurrentLeaderEpoch);
                    if (error != ErrorCode.None)
                    {
                        result.ErrorCode = (short)error;
                        continue;
                    }

                    // Consumers (replica id -1) see up to the high watermark; read_committed up to the last stable offset.
                    long end = list.ReplicaId >= 0 ? partition.LogEndOffset : list.IsolationLevel == 1 ? partition.LastStableOffset : partition.HighWatermark;
                    (long offset, long timestamp) = p.Timestamp switch
                    {
                        Latest or LatestTiered => (end, -1L),
                        Earliest or EarliestLocal => (partition.LogStartOffset, -1L),
                        MaxTimestamp => partition.Log.MaxTimestamp(end),
                        _ => partition.Log.OffsetForTimestamp(p.Timestamp, end),
                    };
                    // Fields by version, as the generated codec insists: v0 has only the old list of offsets,
                    // v1+ offset and timestamp, v4+ the leader epoch.
                    if (context.Version == 0)
                    {
                        result.OldStyleOffsets = offset >= 0 ? [offset] : [];
                        continue;
                    }

                    result.Offset = offset;
                    result.Timestamp = timestamp;
                    if (context.Version >= ListOffsetsVersions.LeaderEpoch)
                    {
                        result.LeaderEpoch = partition.LeaderEpoch;
                    }
                }
            }
        }

        return ValueTask.FromResult<ListOffsetsResponse?>(response);
    }
}
