namespace Kafka.Client.Consuming.Assignment;

/// <summary>
/// The moves the general sticky assignment made so far (Java's <c>AbstractStickyAssignor.PartitionMovements</c>):
/// when a partition of a topic is to move from A to B and another partition of the same topic already moved from B
/// to A, that one moves back instead, so partitions don't swap owners needlessly.
/// </summary>
internal sealed class PartitionMovements
{
    private readonly Dictionary<string, Dictionary<(string From, string To), SortedSet<int>>> _byTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<TopicPartition, (string From, string To)> _moves = [];

    /// <summary>The partition to move when <paramref name="partition"/> should go from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public TopicPartition PartitionToMove(TopicPartition partition, string from, string to)
    {
        if (!_byTopic.TryGetValue(partition.Topic, out Dictionary<(string From, string To), SortedSet<int>>? topicMoves))
        {
            return partition;
        }

        if (_moves.TryGetValue(partition, out (string From, string To) earlier))
        {
            from = earlier.From;
        }

        // Java takes any of them (a hash set's first); the lowest keeps the result deterministic.
        return topicMoves.TryGetValue((to, from), out SortedSet<int>? reverse)
            ? new TopicPartition(partition.Topic, reverse.Min)
            : partition;
    }

    /// <summary>Records that <paramref name="partition"/> moved from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public void Move(TopicPartition partition, string from, string to)
    {
        if (_moves.Remove(partition, out (string From, string To) earlier))
        {
            Forget(partition, earlier);
            if (!string.Equals(earlier.From, to, StringComparison.Ordinal))
            {
                Record(partition, (earlier.From, to));
            }
        }
        else
        {
            Record(partition, (from, to));
        }
    }

    private void Record(TopicPartition partition, (string From, string To) move)
    {
        _moves[partition] = move;
        if (!_byTopic.TryGetValue(partition.Topic, out Dictionary<(string From, string To), SortedSet<int>>? topicMoves))
        {
            topicMoves = [];
            _byTopic.Add(partition.Topic, topicMoves);
        }

        if (!topicMoves.TryGetValue(move, out SortedSet<int>? partitions))
        {
            partitions = [];
            topicMoves.Add(move, partitions);
        }

        partitions.Add(partition.Partition);
    }

    private void Forget(TopicPartition partition, (string From, string To) move)
    {
        Dictionary<(string From, string To), SortedSet<int>> topicMoves = _byTopic[partition.Topic];
        SortedSet<int> partitions = topicMoves[move];
        partitions.Remove(partition.Partition);
        if (partitions.Count == 0)
        {
            topicMoves.Remove(move);
            if (topicMoves.Count == 0)
            {
                _byTopic.Remove(partition.Topic);
            }
        }
    }
}
