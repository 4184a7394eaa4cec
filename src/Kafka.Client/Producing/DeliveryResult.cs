namespace Kafka.Client;

/// <summary>The outcome of producing one message: where it was written.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public class DeliveryResult<TKey, TValue>
{
    /// <summary>The topic.</summary>
    public string Topic { get; init; } = "";

    /// <summary>The partition.</summary>
    public int Partition { get; init; }

    /// <summary>The offset, or -1 when unknown (acks=0, or a failure).</summary>
    public long Offset { get; init; } = -1;

    /// <summary>The message that was produced.</summary>
    public Message<TKey, TValue> Message { get; init; } = null!;

    /// <summary>Whether the message reached the log.</summary>
    public PersistenceStatus Status { get; init; }

    /// <summary>The message timestamp: the producer's, or the broker's for LogAppendTime topics.</summary>
    public Timestamp Timestamp { get; init; }

    /// <summary>The topic and partition.</summary>
    public TopicPartition TopicPartition => new(Topic, Partition);

    /// <summary>The topic, partition and offset.</summary>
    public TopicPartitionOffset TopicPartitionOffset => new(Topic, Partition, Offset);
}

/// <summary>
/// The outcome of one <c>Produce</c> call, given to its callback: where the message was written, or why it failed.
/// A struct, so reporting allocates nothing per message.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public readonly struct DeliveryReport<TKey, TValue>
{
    /// <summary>The topic.</summary>
    public string Topic { get; init; }

    /// <summary>The partition, or -1 when the message failed before a partition was chosen.</summary>
    public int Partition { get; init; }

    /// <summary>The offset, or -1 when unknown (acks=0, or a failure).</summary>
    public long Offset { get; init; }

    /// <summary>The message that was produced.</summary>
    public Message<TKey, TValue> Message { get; init; }

    /// <summary>Whether the message reached the log.</summary>
    public PersistenceStatus Status { get; init; }

    /// <summary>The message timestamp: the producer's, or the broker's for LogAppendTime topics.</summary>
    public Timestamp Timestamp { get; init; }

    /// <summary>Why the message failed, or null when it was delivered.</summary>
    public KafkaException? Error { get; init; }

    /// <summary>The topic and partition.</summary>
    public TopicPartition TopicPartition => new(Topic, Partition);

    /// <summary>The topic, partition and offset.</summary>
    public TopicPartitionOffset TopicPartitionOffset => new(Topic, Partition, Offset);
}
