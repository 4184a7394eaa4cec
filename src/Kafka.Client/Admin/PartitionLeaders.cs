using Kafka.Client.Cluster;
using Kafka.Client.Network;
using Kafka.Client.Protocol;

namespace Kafka.Client.Admin;

/// <summary>
/// Sends partition requests (ListOffsets, DeleteRecords) to each partition's leader, from metadata fetched afresh
/// on every attempt, so a NOT_LEADER_OR_FOLLOWER answer is followed by a send to the new leader.
/// </summary>
internal sealed class PartitionLeaders(KafkaCluster cluster, AdminNodes nodes)
{
    /// <summary>Refreshes the metadata of the partitions' topics, then sends one request per leader.</summary>
    /// <remarks>A partition of an unknown topic, or beyond the topic's partition count, fails with UNKNOWN_TOPIC_OR_PARTITION.</remarks>
    public async Task SendAsync<TResult>(
        AdminBatch<TopicPartition, TResult> batch,
        IReadOnlyList<TopicPartition> partitions,
        Func<KafkaConnection, IReadOnlyList<TopicPartition>, CancellationToken, Task> send,
        CancellationToken cancellationToken)
    {
        await cluster.RefreshAsync([.. partitions.Select(p => p.Topic).Distinct()], cancellationToken).ConfigureAwait(false);
        await nodes.SendAsync(batch, partitions, tp => Task.FromResult(LeaderOf(batch, tp)), send, cancellationToken).ConfigureAwait(false);
    }

    private int? LeaderOf<TResult>(AdminBatch<TopicPartition, TResult> batch, TopicPartition tp)
    {
        TopicMetadata? topic = cluster.TryGetTopic(tp.Topic);
        PartitionMetadata? partition = topic?.Partitions.FirstOrDefault(p => p.Partition == tp.Partition);
        if (topic is null || topic.Error == ErrorCode.UnknownTopicOrPartition || (topic.Error == ErrorCode.None && partition is null))
        {
            batch.Fail(tp, ErrorCode.UnknownTopicOrPartition);
            return null;
        }

        if (batch.RecordError(tp, topic.Error, null, RetryOn.Leader))
        {
            return null;
        }

        if (partition!.Leader < 0)
        {
            batch.Retry(tp, batch.ErrorFor(tp, ErrorCode.LeaderNotAvailable, null));
            return null;
        }

        return partition.Leader;
    }
}
