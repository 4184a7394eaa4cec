using System.Buffers;
using Kafka.Client.Protocol;

namespace Kafka.Client.Producing;

/// <summary>
/// A message accepted while the producer waits for metadata, buffer memory or an asynchronous serializer.
/// Deferred sends are appended one by one in the order they were produced, so waiting never reorders messages.
/// </summary>
internal sealed class DeferredSend(string topic, int partition, long timestamp, DeliveryEntry entry, CancellationToken cancellationToken)
{
    private ReadOnlyMemory<byte> _key;
    private ReadOnlyMemory<byte> _value;
    private ArrayBufferWriter<byte>? _keyWriter;
    private ArrayBufferWriter<byte>? _valueWriter;

    public string Topic { get; } = topic;

    public int Partition { get; } = partition;

    public long Timestamp { get; } = timestamp;

    /// <summary>Whom to tell; its offset delta is set when the record is appended.</summary>
    public DeliveryEntry Entry { get; } = entry;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public bool KeyIsNull { get; private set; }

    public bool ValueIsNull { get; private set; }

    public ReadOnlyMemory<byte> Key => _keyWriter?.WrittenMemory ?? _key;

    public ReadOnlyMemory<byte> Value => _valueWriter?.WrittenMemory ?? _value;

    public RecordHeader[] Headers { get; private set; } = [];

    /// <summary>An asynchronous serialization to await before the key, value and headers are read; null when they are known.</summary>
    public Task? Serialization { get; private set; }

    /// <summary>Headers given later: an asynchronous serializer may still add some.</summary>
    public Headers? PendingHeaders { get; private set; }

    /// <summary>A message serialized already (its bytes are copied: the caller's buffers are reused).</summary>
    public static DeferredSend Serialized(string topic, int partition, long timestamp, ReadOnlySpan<byte> key, bool keyIsNull, ReadOnlySpan<byte> value, bool valueIsNull, ReadOnlySpan<RecordHeader> headers, int size, in DeliveryEntry entry, CancellationToken cancellationToken) =>
        new(topic, partition, timestamp, entry, cancellationToken)
        {
            _key = key.ToArray(),
            KeyIsNull = keyIsNull,
            _value = value.ToArray(),
            ValueIsNull = valueIsNull,
            Headers = headers.ToArray(),
            Size = size,
        };

    /// <summary>A message whose key and value are being written into <paramref name="keyWriter"/> and <paramref name="valueWriter"/>.</summary>
    public static DeferredSend Serializing(string topic, int partition, long timestamp, ArrayBufferWriter<byte> keyWriter, bool keyIsNull, ArrayBufferWriter<byte> valueWriter, bool valueIsNull, Headers? headers, Task serialization, in DeliveryEntry entry, CancellationToken cancellationToken) =>
        new(topic, partition, timestamp, entry, cancellationToken)
        {
            _keyWriter = keyWriter,
            KeyIsNull = keyIsNull,
            _valueWriter = valueWriter,
            ValueIsNull = valueIsNull,
            PendingHeaders = headers,
            Serialization = serialization,
        };

    /// <summary>Once the serialization finished: takes the headers as they are now.</summary>
    public void SetHeaders(RecordHeader[] headers)
    {
        Headers = headers;
        PendingHeaders = null;
        Size = RecordBatchBuilder.EstimateRecordSize(KeyIsNull ? 0 : Key.Length, ValueIsNull ? 0 : Value.Length, Headers);
    }

    /// <summary>The record's estimated size, computed once: when it was serialized, or when its asynchronous serialization ended.</summary>
    public int Size { get; private set; } = -1;
}
