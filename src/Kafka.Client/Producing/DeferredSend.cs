using Kafka.Client.Protocol;

namespace Kafka.Client.Producing;

/// <summary>
/// A message accepted while the producer waits for metadata or buffer memory. Deferred sends are appended one
/// by one in the order they were produced, so waiting never reorders messages.
/// </summary>
internal sealed class DeferredSend(
    string topic,
    int partition,
    long timestamp,
    byte[] key,
    bool keyIsNull,
    byte[] value,
    bool valueIsNull,
    RecordHeader[] headers,
    IDeliveryTarget target,
    CancellationToken cancellationToken) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public string Topic { get; } = topic;

    public int Partition { get; } = partition;

    public long Timestamp { get; } = timestamp;

    public byte[] Key { get; } = key;

    public bool KeyIsNull { get; } = keyIsNull;

    public byte[] Value { get; } = value;

    public bool ValueIsNull { get; } = valueIsNull;

    public RecordHeader[] Headers { get; } = headers;

    public IDeliveryTarget Target { get; } = target;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public int Size => RecordBatchBuilder.EstimateRecordSize(KeyIsNull ? 0 : Key.Length, ValueIsNull ? 0 : Value.Length, Headers);
}
