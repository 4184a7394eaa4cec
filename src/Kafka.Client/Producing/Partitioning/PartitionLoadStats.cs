namespace Kafka.Client.Producing.Partitioning;

/// <summary>
/// A cumulative frequency table over partitions, weighted by inverse queue length, for the adaptive pick of
/// KIP-794 (Java's <c>BuiltInPartitioner.updatePartitionLoadStats</c> and <c>nextPartition</c>,
/// clients/src/main/java/org/apache/kafka/clients/producer/internals/BuiltInPartitioner.java). Immutable.
/// </summary>
internal sealed class PartitionLoadStats
{
    private readonly int[] _cumulative;
    private readonly int[] _partitionIds;

    private PartitionLoadStats(int[] cumulative, int[] partitionIds)
    {
        _cumulative = cumulative;
        _partitionIds = partitionIds;
    }

    /// <summary>
    /// The table for <paramref name="queueSizes"/>[i] batches queued for partition <paramref name="partitionIds"/>[i],
    /// or null when weighting would change nothing: fewer than two partitions in the topic, no partition given, or
    /// every partition of the topic given with the same queue length.
    /// </summary>
    /// <remarks>
    /// Each weight is (longest queue + 1 - queue), so a partition with an empty queue is the likeliest and the one
    /// with the longest queue still has weight 1.
    /// </remarks>
    public static PartitionLoadStats? Create(int partitionCount, ReadOnlySpan<int> partitionIds, ReadOnlySpan<int> queueSizes)
    {
        if (partitionIds.Length != queueSizes.Length)
        {
            throw new ArgumentException("There must be one queue size per partition id.", nameof(queueSizes));
        }

        int length = partitionIds.Length;
        if (length < 1 || partitionCount < 2)
        {
            return null;
        }

        int max = queueSizes[0];
        bool allEqual = true;
        for (int i = 1; i < length; i++)
        {
            allEqual &= queueSizes[i] == queueSizes[0];
            max = Math.Max(max, queueSizes[i]);
        }

        if (allEqual && length == partitionCount)
        {
            return null;
        }

        var cumulative = new int[length];
        long sum = 0;
        for (int i = 0; i < length; i++)
        {
            sum += (long)max + 1 - queueSizes[i];
            cumulative[i] = (int)Math.Min(sum, int.MaxValue);
        }

        return new PartitionLoadStats(cumulative, partitionIds.ToArray());
    }

    /// <summary>A partition drawn with probability proportional to its weight.</summary>
    public int Pick()
    {
        int draw = Random.Shared.Next(_cumulative[^1]);

        // The first entry strictly greater than the draw; weights are at least 1, so entries strictly increase.
        int index = Array.BinarySearch(_cumulative, draw);
        index = index >= 0 ? index + 1 : ~index;

        return _partitionIds[index];
    }
}
