using Kafka.Client.Protocol;

namespace Kafka.Client;

/// <summary>
/// A record could not be consumed: its key or value failed to deserialize, or its bytes are corrupt. The
/// consumer's position is already past the record, so consuming again goes on with the next one.
/// </summary>
public sealed class ConsumeException : KafkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The error code (<see cref="ErrorCode.UnknownServerError"/> for deserialization failures).</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="record">Where the record is.</param>
    /// <param name="rawKey">The key's bytes, or null when the key is null.</param>
    /// <param name="rawValue">The value's bytes, or null when the value is null.</param>
    /// <param name="innerException">The deserializer's exception, if any.</param>
    public ConsumeException(ErrorCode error, string message, TopicPartitionOffset record, byte[]? rawKey, byte[]? rawValue, Exception? innerException = null)
        : base(error, message, record.TopicPartition, innerException)
    {
        Record = record;
        RawKey = rawKey;
        RawValue = rawValue;
    }

    /// <summary>The topic, partition and offset of the record that failed.</summary>
    public TopicPartitionOffset Record { get; }

    /// <summary>The record's key as it was on the wire, or null.</summary>
    public byte[]? RawKey { get; }

    /// <summary>The record's value as it was on the wire, or null.</summary>
    public byte[]? RawValue { get; }

    /// <summary>The record's headers, or null when it has none or they could not be read (as Confluent.Kafka's <c>ConsumerRecord.Message.Headers</c>).</summary>
    public Headers? Headers { get; init; }
}
