using System.Globalization;
using Kafka.Client.Protocol;

namespace Kafka.Client.Cli.Groups;

/// <summary>Where <c>--reset-offsets</c> moves a group: which partitions (the scope) and to which offsets (the scenario).</summary>
internal sealed class OffsetReset
{
    private readonly IReadOnlyList<string> _topics;
    private readonly Func<Bounds, long?, long> _target;

    private OffsetReset(IReadOnlyList<string> topics, Func<Bounds, long?, long> target)
    {
        _topics = topics;
        _target = target;
    }

    /// <summary>The scenarios, by flag: <c>--to-earliest</c>, <c>--to-latest</c>, <c>--to-offset N</c>, <c>--shift-by N</c>.</summary>
    /// <param name="topics">The <c>--topic</c> values (<c>T</c> or <c>T:0,1</c>); empty for <c>--all-topics</c>.</param>
    /// <param name="scenario">The scenario flag.</param>
    /// <param name="value">Its number for <c>--to-offset</c> and <c>--shift-by</c>.</param>
    public static OffsetReset Create(IReadOnlyList<string> topics, string scenario, long value) => new(topics, scenario switch
    {
        "--to-earliest" => static (bounds, _) => bounds.Earliest,
        "--to-latest" => static (bounds, _) => bounds.Latest,
        "--to-offset" => (bounds, _) => bounds.Clamp(value),
        "--shift-by" => (bounds, committed) => bounds.Clamp((committed ?? bounds.Latest) + value),
        _ => throw new UsageException($"Unknown reset scenario {scenario}."),
    });

    /// <summary>The partitions to reset: those named by <c>--topic</c>, or every partition the group committed for.</summary>
    /// <exception cref="KafkaException">A topic or partition does not exist.</exception>
    public async Task<IReadOnlyList<TopicPartition>> PartitionsAsync(KafkaAdminClient admin, string groupId, CancellationToken cancellationToken)
    {
        if (_topics.Count == 0)
        {
            IReadOnlyList<CommittedOffsetResult> committed = await admin.ListConsumerGroupOffsetsAsync(groupId, cancellationToken: cancellationToken).ConfigureAwait(false);
            return [.. committed.Select(c => c.TopicPartition).OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition)];
        }

        var partitions = new List<TopicPartition>();
        foreach (string entry in _topics)
        {
            string[] parts = entry.Split(':', 2);
            string topic = parts[0];
            TopicDescription description = (await admin.DescribeTopicsAsync([topic], cancellationToken).ConfigureAwait(false))[0];
            if (description.Error is { Error: ErrorCode.UnknownTopicOrPartition })
            {
                throw new KafkaException(ErrorCode.UnknownTopicOrPartition, $"Topic '{topic}' does not exist.");
            }

            if (description.Error is { } error)
            {
                throw error;
            }

            IEnumerable<int> numbers = parts.Length == 1
                ? description.Partitions.Select(p => p.Partition).Order()
                : parts[1].Split(',', StringSplitOptions.TrimEntries).Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int n)
                    ? n
                    : throw new UsageException($"--topic '{entry}': partitions must be numbers separated by commas."));
            foreach (int number in numbers)
            {
                if (!description.Partitions.Any(p => p.Partition == number))
                {
                    throw new KafkaException(ErrorCode.UnknownTopicOrPartition, $"Topic '{topic}' has no partition {number}.");
                }

                partitions.Add(new TopicPartition(topic, number));
            }
        }

        return partitions;
    }

    /// <summary>
    /// The new offset of each partition, within its earliest and latest offsets (an offset outside is moved to the
    /// nearer end, with a line on <paramref name="warnings"/>, as Kafka's tool does).
    /// </summary>
    public async Task<IReadOnlyList<TopicPartitionOffset>> NewOffsetsAsync(
        KafkaAdminClient admin, string groupId, IReadOnlyList<TopicPartition> partitions, TextWriter warnings, CancellationToken cancellationToken)
    {
        if (partitions.Count == 0)
        {
            return [];
        }

        IReadOnlyList<ListOffsetsResult> earliest = (await admin.ListOffsetsAsync(partitions.ToDictionary(p => p, _ => OffsetSpec.Earliest), cancellationToken: cancellationToken).ConfigureAwait(false)).ThrowIfAnyFailed();
        IReadOnlyList<ListOffsetsResult> latest = (await admin.ListOffsetsAsync(partitions.ToDictionary(p => p, _ => OffsetSpec.Latest), cancellationToken: cancellationToken).ConfigureAwait(false)).ThrowIfAnyFailed();
        IReadOnlyList<CommittedOffsetResult> committed = await admin.ListConsumerGroupOffsetsAsync(groupId, partitions, cancellationToken).ConfigureAwait(false);
        var starts = earliest.ToDictionary(r => r.TopicPartition, r => r.Offset);
        var ends = latest.ToDictionary(r => r.TopicPartition, r => r.Offset);
        var commits = committed.ToDictionary(c => c.TopicPartition, c => c.Offset);
        var offsets = new List<TopicPartitionOffset>();
        foreach (TopicPartition partition in partitions)
        {
            var bounds = new Bounds(partition, starts[partition], ends[partition], warnings);
            offsets.Add(new TopicPartitionOffset(partition, _target(bounds, commits.GetValueOrDefault(partition))));
        }

        return offsets;
    }

    /// <summary>A partition's earliest and latest offsets.</summary>
    private sealed record Bounds(TopicPartition Partition, long Earliest, long Latest, TextWriter Warnings)
    {
        public long Clamp(long offset)
        {
            if (offset > Latest)
            {
                Warnings.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"New offset ({offset}) is higher than latest offset for topic partition {Partition.Topic}-{Partition.Partition}. Value will be set to {Latest}"));
                return Latest;
            }

            if (offset < Earliest)
            {
                Warnings.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"New offset ({offset}) is lower than earliest offset for topic partition {Partition.Topic}-{Partition.Partition}. Value will be set to {Earliest}"));
                return Earliest;
            }

            return offset;
        }
    }
}
