using Kafka.Client.Cluster;
using Kafka.Client.Protocol;

namespace Kafka.Client.Producing.Partitioning;

/// <summary>
/// The producer's choice of a partition for each record, in the Java client's order: the partition the record names,
/// else the custom partitioner, else the configured key partitioner, else murmur2 of the key (the Java default, without
/// the partitioner call), else the sticky partition of KIP-480/KIP-794 for records without a key.
/// </summary>
internal sealed class PartitionChooser
{
    private readonly IPartitioner? _customPartitioner;
    private readonly IPartitioner? _keyPartitioner;
    private readonly bool _ignoreKeys;
    private readonly StickyPartitionSelector _sticky;

    public PartitionChooser(ProducerOptions options, int batchSize)
    {
        _customPartitioner = options.CustomPartitioner;
        _keyPartitioner = options.Partitioner == Partitioner.Default ? null : Partitioners.Get(options.Partitioner);
        _ignoreKeys = options.PartitionerIgnoreKeys;
        _sticky = new StickyPartitionSelector(batchSize);
    }

    /// <summary>The partition of a record of <paramref name="size"/> bytes; <paramref name="partition"/> is the one it names, or negative.</summary>
    /// <exception cref="KafkaException">The named or the custom partitioner's partition does not exist.</exception>
    public int Choose(TopicMetadata metadata, int partition, ReadOnlySpan<byte> key, bool keyIsNull, int size)
    {
        int count = metadata.Partitions.Length;
        if (partition >= 0)
        {
            return partition < count
                ? partition
                : throw new KafkaException(ErrorCode.UnknownTopicOrPartition, $"Partition {partition} of topic '{metadata.Name}' does not exist (the topic has {count} partitions).", new TopicPartition(metadata.Name, partition));
        }

        if (_customPartitioner is not null)
        {
            int custom = _customPartitioner.Partition(metadata.Name, count, key, keyIsNull);
            if (custom >= count)
            {
                throw new KafkaException(ErrorCode.UnknownTopicOrPartition, $"The custom partitioner chose partition {custom}, but topic '{metadata.Name}' has {count}.");
            }

            if (custom >= 0)
            {
                return custom;
            }
        }
        else if (_keyPartitioner is not null)
        {
            return _keyPartitioner.Partition(metadata.Name, count, key, keyIsNull);
        }
        else if (!keyIsNull && !_ignoreKeys)
        {
            return Murmur2.Partition(key, count);
        }

        return _sticky.Select(metadata.Name, count, metadata.AvailablePartitions, size);
    }
}
