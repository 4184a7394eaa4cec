namespace Kafka.Client;

/// <summary>
/// A consumed message with where it came from. The result is itself the <see cref="Message{TKey, TValue}"/>
/// (<see cref="Message"/> returns this object), so consuming allocates one object per message.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed class ConsumeResult<TKey, TValue> : Message<TKey, TValue>
{
    /// <summary>The topic.</summary>
    public required string Topic { get; init; }

    /// <summary>The partition.</summary>
    public int Partition { get; init; }

    /// <summary>The message's offset in its partition.</summary>
    public long Offset { get; init; }

    /// <summary>The leader epoch of the batch the message was written in, or -1 when unknown.</summary>
    public int LeaderEpoch { get; init; } = -1;

    /// <summary>The message: key, value, headers and timestamp (this same object).</summary>
    public Message<TKey, TValue> Message => this;

    /// <summary>The topic and partition.</summary>
    public TopicPartition TopicPartition => new(Topic, Partition);

    /// <summary>The topic, partition and offset.</summary>
    public TopicPartitionOffset TopicPartitionOffset => new(Topic, Partition, Offset);

    /// <inheritdoc/>
    public override string ToString() => TopicPartitionOffset.ToString();
}
