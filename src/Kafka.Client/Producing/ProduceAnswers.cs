using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Producing;

/// <summary>
/// Finds each batch's answer in a Produce response. A response that lists the partitions in the order of the request
/// (the embedded broker's; the request groups batches by topic) is walked once, one step per batch; in any other order
/// (Kafka's broker builds the response from a hash map) a batch's answer is searched for.
/// </summary>
internal struct ProduceAnswers(ProduceResponse response)
{
    private int _topic;
    private int _partition;

    /// <summary>The answer for <paramref name="partition"/>, or null when the response does not mention it.</summary>
    public ProduceResponse.PartitionProduceResponse? Find(TopicPartition partition)
    {
        List<ProduceResponse.TopicProduceResponse> topics = response.Responses;
        if (_topic < topics.Count && topics[_topic].PartitionResponses.Count == _partition)
        {
            _topic++;
            _partition = 0;
        }

        if (_topic < topics.Count && topics[_topic].Name == partition.Topic)
        {
            List<ProduceResponse.PartitionProduceResponse> partitions = topics[_topic].PartitionResponses;
            if (_partition < partitions.Count && partitions[_partition].Index == partition.Partition)
            {
                return partitions[_partition++];
            }
        }

        return Search(topics, partition);
    }

    /// <summary>Searches the whole response, and goes on from where the answer was found.</summary>
    private ProduceResponse.PartitionProduceResponse? Search(List<ProduceResponse.TopicProduceResponse> topics, TopicPartition partition)
    {
        for (int t = 0; t < topics.Count; t++)
        {
            if (topics[t].Name != partition.Topic)
            {
                continue;
            }

            List<ProduceResponse.PartitionProduceResponse> partitions = topics[t].PartitionResponses;
            for (int p = 0; p < partitions.Count; p++)
            {
                if (partitions[p].Index == partition.Partition)
                {
                    _topic = t;
                    _partition = p + 1;
                    return partitions[p];
                }
            }
        }

        return null;
    }
}
