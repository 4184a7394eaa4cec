namespace Kafka.Client.Consuming;

/// <summary>
/// The offsets a hosted consumer handled but has not committed yet, with <see cref="KafkaConsumerHandlerOptions.CommitInterval"/>:
/// committed when the interval is up, for partitions about to be revoked, and when the consumer stops.
/// </summary>
/// <param name="interval">The commit interval; zero commits every time something is added.</param>
internal sealed class PendingCommits(TimeSpan interval)
{
    private readonly Dictionary<TopicPartition, long> _offsets = [];
    private long _due = long.MaxValue;

    /// <summary>Whether nothing waits to be committed.</summary>
    public bool IsEmpty => _offsets.Count == 0;

    /// <summary>How long until the pending offsets are due; infinite when there are none.</summary>
    public TimeSpan UntilDue => IsEmpty ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(Math.Max(0, _due - Environment.TickCount64));

    /// <summary>Whether the pending offsets are due now.</summary>
    public bool Due => !IsEmpty && Environment.TickCount64 >= _due;

    /// <summary>Notes that everything before <paramref name="nextOffset"/> in <paramref name="partition"/> was handled.</summary>
    public void Add(TopicPartition partition, long nextOffset)
    {
        if (IsEmpty)
        {
            _due = Environment.TickCount64 + (long)interval.TotalMilliseconds;
        }

        _offsets[partition] = nextOffset;
    }

    /// <summary>Takes every pending offset, or those of <paramref name="partitions"/> only.</summary>
    public List<TopicPartitionOffset> Take(IReadOnlyList<TopicPartition>? partitions = null)
    {
        List<TopicPartitionOffset> taken = [];
        foreach ((TopicPartition partition, long offset) in _offsets)
        {
            if (partitions is null || partitions.Contains(partition))
            {
                taken.Add(new TopicPartitionOffset(partition, offset));
            }
        }

        foreach (TopicPartitionOffset offset in taken)
        {
            _offsets.Remove(offset.TopicPartition);
        }

        if (IsEmpty)
        {
            _due = long.MaxValue;
        }

        return taken;
    }
}
