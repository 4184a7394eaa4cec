using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.State;

namespace Kafka.Client.Testing.Handlers;

/// <summary>DeleteRecords (21): moves the log start offset forward (offset -1 = the high watermark).</summary>
internal sealed class DeleteRecordsHandler : ApiHandler<DeleteRecordsRequest, DeleteRecordsResponse>
{
    public override ApiKey Api => ApiKey.DeleteRecords;

    public override ValueTask<DeleteRecordsResponse?> HandleAsync(RequestContext context, DeleteRecordsRequest delete, CancellationToken cancellationToken)
    {
        var response = new DeleteRecordsResponse();
        foreach (DeleteRecordsRequest.DeleteRecordsTopic topic in delete.Topics)
        {
            var topicResult = new DeleteRecordsResponse.DeleteRecordsTopicResult { Name = topic.Name };
            response.Topics.Add(topicResult);
            foreach (DeleteRecordsRequest.DeleteRecordsPartition p in topic.Partitions)
            {
                var result = new DeleteRecordsResponse.DeleteRecordsPartitionResult { PartitionIndex = p.PartitionIndex, LowWatermark = -1 };
                topicResult.Partitions.Add(result);
                PartitionState? partition = LeaderChecks.Find(context, topic.Name, p.PartitionIndex, AclOperation.Delete, out ErrorCode missing);
                if (partition is null)
                {
                    result.ErrorCode = (short)missing;
                    continue;
                }

                lock (partition.Sync)
                {
                    long target = p.Offset == -1 ? partition.HighWatermark : p.Offset;
                    ErrorCode error = LeaderChecks.CheckLocked(context, partition, -1);
                    if (error != ErrorCode.None)
                    {
                        result.ErrorCode = (short)error;
                    }
                    else if (target < 0 || target > partition.HighWatermark)
                    {
                        result.ErrorCode = (short)ErrorCode.OffsetOutOfRange;
                    }
                    else
                    {
                        partition.Log.DeleteBefore(target);
                        partition.LogStartMovedLocked();
                        result.LowWatermark = partition.LogStartOffset;
                    }
                }
            }
        }

        return ValueTask.FromResult<DeleteRecordsResponse?>(response);
    }
}
