namespace Kafka.Client;

/// <summary>How far a consumer group is behind.</summary>
public sealed partial class KafkaAdminClient
{
    /// <summary>
    /// The lag of a consumer group in each partition it committed an offset for or has assigned to a member: the
    /// log end offset minus the committed offset (as <c>kafka-consumer-groups.sh --describe</c> shows).
    /// </summary>
    /// <param name="groupId">The group id.</param>
    /// <param name="isolationLevel">With <see cref="IsolationLevel.ReadCommitted"/>, the end is the last stable offset.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// One row per partition, by topic and partition. A partition without a committed offset has a null
    /// <see cref="ConsumerLag.Lag"/>; a partition whose end offset could not be read has its error.
    /// </returns>
    /// <remarks>Reads the committed offsets, the members' assignments, then the end offsets: three calls, each bounded by <see cref="AdminClientOptions.DefaultApiTimeoutMs"/>.</remarks>
    /// <exception cref="ArgumentException"><paramref name="groupId"/> is empty.</exception>
    /// <exception cref="KafkaException">The group's offsets or members could not be read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<ConsumerLag>> ListConsumerGroupLagAsync(string groupId, IsolationLevel isolationLevel = IsolationLevel.ReadUncommitted, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<CommittedOffsetResult> committed = await ListConsumerGroupOffsetsAsync(groupId, null, cancellationToken).ConfigureAwait(false);
        ConsumerGroupDescription group = (await DescribeConsumerGroupsAsync([groupId], cancellationToken).ConfigureAwait(false))[0];
        if (group.Error is { } error)
        {
            throw error;
        }

        List<TopicPartition> partitions = [.. committed.Select(c => c.TopicPartition)
            .Union(group.Members.SelectMany(m => m.Assignment.Partitions))
            .OrderBy(p => p.Topic, StringComparer.Ordinal)
            .ThenBy(p => p.Partition)];
        IReadOnlyList<ListOffsetsResult> ends = await ListOffsetsAsync(partitions.ToDictionary(p => p, _ => OffsetSpec.Latest), isolationLevel, cancellationToken).ConfigureAwait(false);
        var commits = committed.ToDictionary(c => c.TopicPartition);
        return [.. ends.Select(end =>
        {
            CommittedOffsetResult? commit = commits.GetValueOrDefault(end.TopicPartition);
            long? offset = commit?.Offset;
            long? logEnd = end.Error is null ? end.Offset : null;
            return new ConsumerLag(end.TopicPartition.Topic, end.TopicPartition.Partition, offset, logEnd, logEnd - offset, commit?.Error ?? end.Error)
            {
                CommittedLeaderEpoch = commit?.LeaderEpoch,
            };
        })];
    }
}
