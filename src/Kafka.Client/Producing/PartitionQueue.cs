using System.Buffers;
using System.Runtime.InteropServices;
using Kafka.Client.Protocol;

namespace Kafka.Client.Producing;

/// <summary>
/// One partition's side of the accumulator: the open batch being filled, closed batches waiting to be sent,
/// batches in flight (in sequence order), and the next idempotence sequence. Guarded by <see cref="Sync"/>.
/// </summary>
internal sealed class PartitionQueue(TopicPartition partition, ProducerSettings settings)
{
    private RecordBatchBuilder? _builder;
    private DeliveryEntries? _entries;
    private int _openMemory;
    private int _lastBatchCount = 64;

    public object Sync { get; } = new();

    public TopicPartition Partition { get; } = partition;

    /// <summary>When the open batch received its first record, or -1 when there is none.</summary>
    public long OpenedAt { get; private set; } = -1;

    public bool HasOpenBatch => _entries is { Count: > 0 };

    /// <summary>Closed batches not sent yet, oldest first (retries go back to the front).</summary>
    public LinkedList<ProducerBatch> Ready { get; } = new();

    /// <summary>Batches sent and not answered yet, in sequence order.</summary>
    public List<ProducerBatch> InFlight { get; } = [];

    public int NextSequence { get; set; }

    /// <summary>Set when the producer closes: answers that arrive later fail their batch instead of retrying it.</summary>
    public bool Closed { get; private set; }

    /// <summary>Closes the open batch and marks the queue closed; returns every batch not yet answered (the caller fails them).</summary>
    public List<ProducerBatch> Shutdown()
    {
        Close();
        Closed = true;
        List<ProducerBatch> left = [.. Ready, .. InFlight];
        Ready.Clear();
        InFlight.Clear();
        DisposeBuilder();
        return left;
    }

    /// <summary>Bytes of the open batch so far (for the sticky partitioner's switch).</summary>
    public int OpenBytes => _builder is not null && HasOpenBatch ? _builder.EstimatedSizeInBytes : 0;

    /// <summary>
    /// Appends a record; returns true when the batch became full and was closed. <paramref name="size"/> is the
    /// record's estimated size (<see cref="RecordBatchBuilder.EstimateRecordSize"/>, computed once by the producer),
    /// which is also the buffer memory it holds.
    /// </summary>
    public bool Append(long timestamp, ReadOnlySpan<byte> key, bool keyIsNull, ReadOnlySpan<byte> value, bool valueIsNull, ReadOnlySpan<RecordHeader> headers, in DeliveryEntry entry, int size, long now)
    {
        ObjectDisposedException.ThrowIf(Closed, this);
        bool closed = false;
        if (HasOpenBatch && _builder!.EstimatedSizeInBytes + size > settings.BatchSize)
        {
            Close();
            closed = true;
        }

        if (!HasOpenBatch)
        {
            _builder ??= new RecordBatchBuilder(settings.Compression, settings.CompressionLevel, Math.Max(settings.BatchSize, 1024) + 1024) { IsTransactional = settings.Transactional };
            _builder.Reset();
            _entries = new DeliveryEntries(_lastBatchCount);
            OpenedAt = now;
        }

        int delta = _builder!.Append(timestamp, key, keyIsNull, value, valueIsNull, headers);
        _entries!.Add(entry with { OffsetDelta = delta });
        _openMemory += size;
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
        if (!HasOpenBatch)
        {
            return;
        }

        byte[] encoded;
        int length;
        ReadOnlyMemory<byte> completed = _builder!.Complete();
        if (MemoryMarshal.TryGetArray(completed, out ArraySegment<byte> buffer) && completed.Length >= buffer.Array!.Length / 2)
        {
            // A batch that fills most of the builder's buffer takes that buffer (no copy); the builder rents another.
            encoded = _builder.DetachCompleted(out length);
        }
        else
        {
            // A small batch (lingered, flushed) is copied into a buffer of its size, so it does not hold a
            // batch.size buffer while it waits for its answer.
            length = completed.Length;
            encoded = ArrayPool<byte>.Shared.Rent(length);
            completed.Span.CopyTo(encoded);
        }

        _lastBatchCount = _entries!.Count;
        Ready.AddLast(new ProducerBatch(Partition, encoded, length, _entries, OpenedAt, _openMemory));
        _entries = null;
        _openMemory = 0;
        OpenedAt = -1;
    }

    public void DisposeBuilder()
    {
        _builder?.Dispose();
        _builder = null;
    }
}
