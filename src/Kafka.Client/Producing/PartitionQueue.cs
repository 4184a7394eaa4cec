using Kafka.Client.Protocol;

namespace Kafka.Client.Producing;

/// <summary>
/// One partition's side of the accumulator: the open batch being filled, closed batches waiting to be sent,
/// batches in flight (in sequence order), and the next idempotence sequence. Guarded by <see cref="Sync"/>.
/// </summary>
internal sealed class PartitionQueue(TopicPartition partition, ProducerSettings settings)
{
    private RecordBatchBuilder? _builder;
    private List<(IDeliveryTarget Target, int OffsetDelta, long Timestamp)>? _targets;
    private int _openMemory;

    public object Sync { get; } = new();

    public TopicPartition Partition { get; } = partition;

    /// <summary>When the open batch received its first record, or -1 when there is none.</summary>
    public long OpenedAt { get; private set; } = -1;

    public bool HasOpenBatch => _targets is { Count: > 0 };

    /// <summary>Closed batches not sent yet, oldest first (retries go back to the front).</summary>
    public LinkedList<ProducerBatch> Ready { get; } = new();

    /// <summary>Batches sent and not answered yet, in sequence order.</summary>
    public List<ProducerBatch> InFlight { get; } = [];

    public int NextSequence { get; set; }

    /// <summary>Bytes of the open batch so far (for the sticky partitioner's switch).</summary>
    public int OpenBytes => _builder is not null && _targets is { Count: > 0 } ? _builder.EstimatedSizeInBytes : 0;

    /// <summary>Appends a record; returns true when the batch became full and was closed.</summary>
    public bool Append(long timestamp, ReadOnlySpan<byte> key, bool keyIsNull, ReadOnlySpan<byte> value, bool valueIsNull, ReadOnlySpan<RecordHeader> headers, IDeliveryTarget target, int memory, long now)
    {
        int size = RecordBatchBuilder.EstimateRecordSize(keyIsNull ? 0 : key.Length, valueIsNull ? 0 : value.Length, headers);
        bool closed = false;
        if (_targets is { Count: > 0 } && _builder!.EstimatedSizeInBytes + size > settings.BatchSize)
        {
            Close();
            closed = true;
        }

        if (_targets is not { Count: > 0 })
        {
            _builder ??= new RecordBatchBuilder(settings.Compression, settings.CompressionLevel, Math.Max(settings.BatchSize, 1024) + 1024);
            _builder.Reset();
            _targets = new List<(IDeliveryTarget, int, long)>(64);
            OpenedAt = now;
        }

        int delta = _builder!.Append(timestamp, key, keyIsNull, value, valueIsNull, headers);
        _targets.Add((target, delta, timestamp));
        _openMemory += memory;
        if (_builder.EstimatedSizeInBytes >= settings.BatchSize)
        {
            Close();
            closed = true;
        }

        return closed;
    }

    /// <summary>Closes the open batch (full, lingered long enough, or flushed) and queues it to be sent.</summary>
    public void Close()
    {
        if (_targets is not { Count: > 0 })
        {
            return;
        }

        ReadOnlyMemory<byte> encoded = _builder!.Complete();
        Ready.AddLast(new ProducerBatch(Partition, encoded.Span, _targets, OpenedAt, _openMemory));
        _targets = null;
        _openMemory = 0;
        OpenedAt = -1;
    }

    public void DisposeBuilder()
    {
        _builder?.Dispose();
        _builder = null;
    }
}
