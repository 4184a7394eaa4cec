using Kafka.Client.Cluster;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Consuming;

/// <summary>ListOffsets sent to each partition's leader: earliest, latest, or the first offset at a time.</summary>
internal sealed class OffsetLookup(KafkaCluster cluster, sbyte isolationLevel)
{
    /// <summary>Timestamp asking for the earliest offset.</summary>
    public const long Earliest = -2;

    /// <summary>Timestamp asking for the latest offset (the high watermark, or the LSO for read_committed).</summary>
    public const long Latest = -1;

    /// <summary>
    /// Looks up the offset of each partition at its timestamp (or <see cref="Earliest"/>/<see cref="Latest"/>);
    /// retriable errors (leader moved, not yet known) are retried until the token ends.
    /// </summary>
    /// <returns>Offset and timestamp per partition; offset -1 when no message is at or after the timestamp.</returns>
    public async Task<Dictionary<TopicPartition, (long Offset, long Timestamp)>> ListAsync(IReadOnlyDictionary<TopicPartition, long> timestamps, CancellationToken cancellationToken)
    {
        var results = new Dictionary<TopicPartition, (long, long)>();
        var left = new Dictionary<TopicPartition, long>(timestamps);
        await cluster.Retry.ExecuteAsync(async token =>
        {
            foreach (var (leader, partitions) in await GroupByLeaderAsync(left.Keys, token).ConfigureAwait(false))
            {
                await ListFromLeaderAsync(leader, partitions, left, results, token).ConfigureAwait(false);
            }

            if (left.Count > 0)
            {
                cluster.RequestRefresh();
                throw new KafkaException(ErrorCode.LeaderNotAvailable, $"No leader answered for {string.Join(", ", left.Keys)} yet.");
            }
        }, cancellationToken).ConfigureAwait(false);
        return results;
    }

    private async Task<Dictionary<int, List<TopicPartition>>> GroupByLeaderAsync(IEnumerable<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        var byLeader = new Dictionary<int, List<TopicPartition>>();
        foreach (TopicPartition tp in partitions.ToList())
        {
            int leader = cluster.LeaderOf(tp, out _, out _);
            if (leader < 0)
            {
                TopicMetadata topic = await cluster.GetTopicAsync(tp.Topic, cancellationToken).ConfigureAwait(false);
                if (topic.Error is not ErrorCode.None)
                {
                    throw new KafkaException(topic.Error, topicPartition: tp);
                }

                leader = cluster.LeaderOf(tp, out _, out _);
            }

            if (leader >= 0)
            {
                (byLeader.TryGetValue(leader, out List<TopicPartition>? list) ? list : byLeader[leader] = []).Add(tp);
            }
        }

        return byLeader;
    }

    private async Task ListFromLeaderAsync(int leader, List<TopicPartition> partitions, Dictionary<TopicPartition, long> left,
        Dictionary<TopicPartition, (long, long)> results, CancellationToken cancellationToken)
    {
        KafkaConnection connection = await cluster.ConnectionToAsync(leader, cancellationToken).ConfigureAwait(false);
        var request = new ListOffsetsRequest { ReplicaId = -1, IsolationLevel = isolationLevel };
        foreach (IGrouping<string, TopicPartition> topic in partitions.GroupBy(p => p.Topic))
        {
            request.Topics.Add(new ListOffsetsRequest.ListOffsetsTopic
            {
                Name = topic.Key,
                Partitions = [.. topic.Select(p => new ListOffsetsRequest.ListOffsetsPartition { PartitionIndex = p.Partition, Timestamp = left[p] })],
            });
        }

        ListOffsetsResponse response = await connection.SendAsync(request, cancellationToken).ConfigureAwait(false);
        foreach (ListOffsetsResponse.ListOffsetsTopicResponse topic in response.Topics)
        {
            foreach (ListOffsetsResponse.ListOffsetsPartitionResponse p in topic.Partitions)
            {
                var tp = new TopicPartition(topic.Name, p.PartitionIndex);
                var error = (ErrorCode)p.ErrorCode;
                if (error == ErrorCode.None)
                {
                    results[tp] = (p.Offset, p.Timestamp);
                    left.Remove(tp);
                }
                else if (!error.IsRetriable())
                {
                    throw new KafkaException(error, topicPartition: tp);
                }
            }
        }
    }
}
