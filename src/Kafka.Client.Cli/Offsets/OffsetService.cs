using System.Globalization;

namespace Kafka.Client.Cli.Offsets;

/// <summary>
/// What <c>kafka offsets</c> does, as Kafka's GetOffsetShell: lists the topics, keeps the partitions the filter allows,
/// looks up one offset in each (ListOffsets) and prints <c>topic:partition:offset</c> lines ordered by
/// <c>topic-partition</c> as text. A partition without such an offset (a timestamp after its last record) is left
/// out; one that fails is reported on stderr and skipped.
/// </summary>
internal sealed class OffsetService(AdminClientOptions options, TextWriter output, TextWriter errors) : IAsyncDisposable
{
    private readonly KafkaAdminClient _admin = new(options);

    public ValueTask DisposeAsync() => _admin.DisposeAsync();

    /// <exception cref="KafkaException">No partition matches, or the cluster cannot be asked.</exception>
    public async Task PrintAsync(TopicPartitionFilter filter, OffsetSpec spec, bool excludeInternalTopics, CancellationToken cancellationToken)
    {
        IReadOnlyList<TopicListing> topics = await _admin.ListTopicsAsync(includeInternal: !excludeInternalTopics, cancellationToken).ConfigureAwait(false);
        string[] names = [.. topics.Select(t => t.Name).Where(filter.IsTopicAllowed)];
        var partitions = new List<TopicPartition>();
        if (names.Length > 0)
        {
            foreach (TopicDescription topic in await _admin.DescribeTopicsAsync(names, cancellationToken).ConfigureAwait(false))
            {
                // A topic deleted between the listing and the description is simply not there any more.
                partitions.AddRange(topic.Partitions.Where(p => filter.IsAllowed(topic.Name, p.Partition)).Select(p => new TopicPartition(topic.Name, p.Partition)));
            }
        }

        if (partitions.Count == 0)
        {
            throw new KafkaException("Could not match any topic-partitions with the specified filters");
        }

        IReadOnlyList<ListOffsetsResult> results = await _admin.ListOffsetsAsync(partitions.ToDictionary(p => p, _ => spec), cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (ListOffsetsResult result in results.OrderBy(r => $"{r.TopicPartition.Topic}-{r.TopicPartition.Partition}", StringComparer.Ordinal))
        {
            TopicPartition tp = result.TopicPartition;
            if (result.Error is { } error)
            {
                await errors.WriteLineAsync($"Skip getting offsets for topic-partition {tp.Topic}-{tp.Partition} due to error: {error.Message}").ConfigureAwait(false);
            }
            else if (result.Offset != -1)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{tp.Topic}:{tp.Partition}:{result.Offset}")).ConfigureAwait(false);
            }
        }
    }
}
