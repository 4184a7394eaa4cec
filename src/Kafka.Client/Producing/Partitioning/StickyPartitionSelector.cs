using System.Collections.Concurrent;
using Kafka.Client.Producing.Partitioning;

namespace Kafka.Client;

/// <summary>
/// The uniform sticky partitioner of KIP-794 (Kafka 3.3 and later) for records without a key, or whose
/// partitioner returned -1: each topic sticks to one partition until about <c>batch.size</c> bytes went to it,
/// then moves to another, so unkeyed records fill whole batches and still spread evenly.
/// Thread-safe; <see cref="Select"/> does not allocate (except the first time it sees a topic).
/// </summary>
/// <remarks>
/// <para>
/// Follows Java's <c>BuiltInPartitioner</c>
/// (clients/src/main/java/org/apache/kafka/clients/producer/internals/BuiltInPartitioner.java): the record that
/// reaches <c>batch.size</c> bytes still goes to the current partition, and the switch happens after it. The next
/// partition is drawn among the available partitions (those with a leader), or among all when none is available.
/// </para>
/// <para>
/// Differences from Java: without load statistics the next partition is drawn uniformly among the available
/// partitions other than the current one (Java may draw the current one again); Java's option to delay the
/// switch until the batch is ready (up to 2 x <c>batch.size</c>) is not implemented, the switch is always at
/// <c>batch.size</c>. With <c>partitioner.adaptive.partitioning.enable</c>, the sender reports queue lengths through
/// <see cref="UpdateLoadStats"/> and the draw is weighted as in Java (it may then stay on the same partition).
/// </para>
/// </remarks>
public sealed class StickyPartitionSelector
{
    private readonly ConcurrentDictionary<string, TopicState> _topics = new(StringComparer.Ordinal);

    /// <summary>Creates a selector that moves on after <paramref name="batchSize"/> bytes.</summary>
    /// <param name="batchSize">The producer's <c>batch.size</c>; 0 is taken as 1 (a new partition per record), as Java does.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is negative.</exception>
    public StickyPartitionSelector(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batchSize);
        BatchSize = Math.Max(1, batchSize);
    }

    /// <summary>How many bytes go to a partition before the selector moves on.</summary>
    public int BatchSize { get; }

    /// <summary>The partition for an unkeyed record of <paramref name="recordSize"/> bytes, counted against it.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="partitionCount">How many partitions the topic has; at least 1.</param>
    /// <param name="availablePartitions">The partitions that have a leader now; empty means "treat all as available".</param>
    /// <param name="recordSize">The record's size in bytes (Java counts the record's estimated size in the batch).</param>
    /// <returns>A partition in [0, <paramref name="partitionCount"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="partitionCount"/> is not positive, or <paramref name="recordSize"/> is negative.</exception>
    public int Select(string topic, int partitionCount, ReadOnlySpan<int> availablePartitions, int recordSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitionCount);
        ArgumentOutOfRangeException.ThrowIfNegative(recordSize);
        TopicState state = StateOf(topic);
        while (true)
        {
            long packed = Volatile.Read(ref state.Packed);
            int partition = (int)(packed >> 32);
            long produced = (uint)packed;
            if (!IsUsable(partition, partitionCount, availablePartitions))
            {
                partition = Next(state, partitionCount, availablePartitions, exclude: partition);
                produced = 0;
            }

            produced += recordSize;
            long next = produced >= BatchSize
                ? Pack(Next(state, partitionCount, availablePartitions, exclude: partition), 0)
                : Pack(partition, (int)produced);
            if (Interlocked.CompareExchange(ref state.Packed, next, packed) == packed)
            {
                return partition;
            }
        }
    }

    /// <summary>
    /// Reports how many batches are queued per partition of <paramref name="topic"/>, for the adaptive pick:
    /// partitions with shorter queues become likelier. Leave out partitions without a leader (or too slow, for
    /// <c>partitioner.availability.timeout.ms</c>); empty spans switch weighting off.
    /// </summary>
    /// <param name="topic">The topic.</param>
    /// <param name="partitionCount">How many partitions the topic has.</param>
    /// <param name="partitionIds">The partitions reported.</param>
    /// <param name="queueSizes">The queued batches of each reported partition, same order.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <remarks>Allocates the weight table; meant for the sender loop, not for each record.</remarks>
    public void UpdateLoadStats(string topic, int partitionCount, ReadOnlySpan<int> partitionIds, ReadOnlySpan<int> queueSizes) =>
        StateOf(topic).Stats = PartitionLoadStats.Create(partitionCount, partitionIds, queueSizes);

    private TopicState StateOf(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return _topics.TryGetValue(topic, out TopicState? state) ? state : _topics.GetOrAdd(topic, static _ => new TopicState());
    }

    private static bool IsUsable(int partition, int partitionCount, ReadOnlySpan<int> available) =>
        partition >= 0 && partition < partitionCount
        && (available.IsEmpty || available.Length >= partitionCount || available.Contains(partition));

    private static int Next(TopicState state, int partitionCount, ReadOnlySpan<int> available, int exclude)
    {
        if (state.Stats is { } stats)
        {
            int weighted = stats.Pick();
            if (weighted < partitionCount)
            {
                return weighted;
            }
        }

        if (available.IsEmpty)
        {
            if (partitionCount == 1)
            {
                return 0;
            }

            if ((uint)exclude >= (uint)partitionCount)
            {
                return Random.Shared.Next(partitionCount);
            }

            int draw = Random.Shared.Next(partitionCount - 1);
            return draw >= exclude ? draw + 1 : draw;
        }

        if (available.Length == 1)
        {
            return available[0];
        }

        int at = exclude >= 0 ? available.IndexOf(exclude) : -1;
        if (at < 0)
        {
            return available[Random.Shared.Next(available.Length)];
        }

        int index = Random.Shared.Next(available.Length - 1);
        return available[index >= at ? index + 1 : index];
    }

    private static long Pack(int partition, int produced) => ((long)partition << 32) | (uint)produced;

    private sealed class TopicState
    {
        // The sticky partition (high 32 bits, -1 before the first pick) and the bytes sent to it (low 32 bits),
        // swapped together so no update is lost between threads.
        public long Packed = Pack(-1, 0);

        public volatile PartitionLoadStats? Stats;
    }
}
