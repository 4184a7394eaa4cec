using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.State;

namespace Kafka.Client.Testing.Handlers;

/// <summary>OffsetForLeaderEpoch (23): the end offset of a leader epoch, which clients use to detect log truncation (KIP-320).</summary>
internal sealed class OffsetForLeaderEpochHandler : ApiHandler<OffsetForLeaderEpochRequest, OffsetForLeaderEpochResponse>
{
    public override ApiKey Api => ApiKey.OffsetForLeaderEpoch;

    public override ValueTask<OffsetForLeaderEpochResponse?> HandleAsync(RequestContext context, OffsetForLeaderEpochRequest epochs, CancellationToken cancellationToken)
    {
        var response = new OffsetForLeaderEpochResponse();
        foreach (OffsetForLeaderEpochRequest.OffsetForLeaderTopic topic in epochs.Topics)
        {
            var topicResult = new OffsetForLeaderEpochResponse.OffsetForLeaderTopicResult { Topic = topic.Topic };
            response.Topics.Add(topicResult);
            foreach (OffsetForLeaderEpochRequest.OffsetForLeaderPartition p in topic.Partitions)
            {
                var result = new OffsetForLeaderEpochResponse.EpochEndOffset { Partition = p.Partition };
                topicResult.Partitions.Add(result);
                PartitionState? partition = LeaderChecks.Find(context, topic.Topic, p.Partition, AclOperation.Describe, out ErrorCode missing);
                if (partition is null)
                {
                    result.ErrorCode = (short)missing;
                    continue;
                }

                lock (partition.Sync)
                {
                    ErrorCode error = LeaderChecks.CheckLocked(context, partition, p.CurrentLeaderEpoch);
                    result.ErrorCode = (short)error;
                    if (error == ErrorCode.None)
                    {
                        (result.LeaderEpoch, result.EndOffset) = partition.EndOffsetForEpochLocked(p.LeaderEpoch);
                    }
                }
            }
        }

        return ValueTask.FromResult<OffsetForLeaderEpochResponse?>(response);
    }
}
