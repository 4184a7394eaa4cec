namespace Kafka.Client;

/// <summary>
/// Chooses the partition of a record that names none, from its serialized key. Implementations must be
/// thread-safe and should not allocate: the producer calls them once per record.
/// </summary>
/// <remarks>See <see cref="Partitioners"/> for the built-in ones.</remarks>
public interface IPartitioner
{
    /// <summary>The partition for a record of <paramref name="topic"/>.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="partitionCount">How many partitions the topic has (all of them, not only those with a leader); at least 1.</param>
    /// <param name="keyBytes">The serialized key; empty when the key is null.</param>
    /// <param name="keyIsNull">True when the key is null (as opposed to empty).</param>
    /// <returns>
    /// A partition in [0, <paramref name="partitionCount"/>), or -1 to leave the choice to the producer's sticky
    /// partitioner (<see cref="StickyPartitionSelector"/>), which keeps unkeyed records together in batches.
    /// </returns>
    int Partition(string topic, int partitionCount, ReadOnlySpan<byte> keyBytes, bool keyIsNull);
}
