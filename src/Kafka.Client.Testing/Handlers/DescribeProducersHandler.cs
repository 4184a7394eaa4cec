using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.State;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// DescribeProducers (61, KIP-664): the idempotent and transactional producers a partition's leader knows (epoch,
/// last sequence, the start of the open transaction). READ on the topic is required.
/// </summary>
internal sealed class DescribeProducersHandler : ApiHandler<DescribeProducersRequest, DescribeProducersResponse>
{
    public override ApiKey Api => ApiKey.DescribeProducers;

    public override ValueTask<DescribeProducersResponse?> HandleAsync(RequestContext context, DescribeProducersRequest describe, CancellationToken cancellationToken)
    {
        var response = new DescribeProducersResponse();
        foreach (DescribeProducersRequest.TopicRequest topic in describe.Topics)
        {
            var topicResponse = new DescribeProducersResponse.TopicResponse { Name = topic.Name };
            response.Topics.Add(topicResponse);
            foreach (int index in topic.PartitionIndexes)
            {
                var result = new DescribeProducersResponse.PartitionResponse { PartitionIndex = index };
                topicResponse.Partitions.Add(result);
                PartitionState? partition = LeaderChecks.Find(context, topic.Name, index, AclOperation.Read, out ErrorCode missing);
                if (partition is null)
                {
                    result.ErrorCode = (short)missing;
                    continue;
                }

                lock (partition.Sync)
                {
                    ErrorCode error = LeaderChecks.CheckLocked(context, partition, -1);
                    result.ErrorCode = (short)error;
                    if (error != ErrorCode.None)
                    {
                        continue;
                    }

                    foreach ((long producerId, short epoch, int lastSequence) in partition.Producers.Snapshot())
                    {
                        result.ActiveProducers.Add(new DescribeProducersResponse.ProducerState
                        {
                            ProducerId = producerId,
                            ProducerEpoch = epoch,
                            LastSequence = lastSequence,
                            LastTimestamp = -1,
                            CoordinatorEpoch = 0,
                            CurrentTxnStartOffset = partition.Transactions.Open.TryGetValue(producerId, out long start) ? start : -1,
                        });
                    }
                }
            }
        }

        return ValueTask.FromResult<DescribeProducersResponse?>(response);
    }
}
