using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Kafka.Client.Protocol;
using Kafka.Client.Serialization;

namespace Kafka.Client.Consuming;

/// <summary>
/// Turns the records of one batch into <see cref="ConsumeResult{TKey, TValue}"/> objects: the one allocation per
/// record. Values read as <c>ReadOnlyMemory&lt;byte&gt;</c> are slices of the fetch response (uncompressed batches),
/// not copies. A record whose key or value fails to deserialize becomes a <see cref="ConsumeException"/> in its place.
/// </summary>
internal sealed class RecordMaterializer<TKey, TValue>(IDeserializer<TKey> keyDeserializer, IDeserializer<TValue> valueDeserializer)
{
    private readonly IMemoryDeserializer<TKey>? _keyMemory = keyDeserializer as IMemoryDeserializer<TKey>;
    private readonly IMemoryDeserializer<TValue>? _valueMemory = valueDeserializer as IMemoryDeserializer<TValue>;

    /// <summary>Appends the batch's records at or after <paramref name="from"/> to <paramref name="output"/>.</summary>
    public void Materialize(TopicPartition topicPartition, RecordBatch batch, long from, List<PendingRecord<TKey, TValue>> output)
    {
        int epoch = batch.PartitionLeaderEpoch;
        bool slice = batch.Compression == CompressionCodec.None;
        ReadOnlyMemory<byte> memory = batch.Memory;
        RecordEnumerator records = batch.GetRecords();
        try
        {
            while (records.MoveNext())
            {
                Record record = records.Current;
                if (record.Offset < from)
                {
                    continue;
                }

                output.Add(ToPending(topicPartition, record, epoch, slice ? memory : default));
            }
        }
        finally
        {
            records.Dispose();
        }
    }

    private PendingRecord<TKey, TValue> ToPending(TopicPartition tp, Record record, int epoch, ReadOnlyMemory<byte> owner)
    {
        Headers? headers = record.HeaderCount == 0 ? null : ToHeaders(record);
        try
        {
            TKey key = _keyMemory is not null && !owner.IsEmpty
                ? _keyMemory.Deserialize(SliceOf(owner, record.Key), record.IsKeyNull, new SerializationContext(MessageComponentType.Key, tp.Topic, headers))
                : keyDeserializer.Deserialize(record.Key, record.IsKeyNull, new SerializationContext(MessageComponentType.Key, tp.Topic, headers));
            TValue value = _valueMemory is not null && !owner.IsEmpty
                ? _valueMemory.Deserialize(SliceOf(owner, record.Value), record.IsValueNull, new SerializationContext(MessageComponentType.Value, tp.Topic, headers))
                : valueDeserializer.Deserialize(record.Value, record.IsValueNull, new SerializationContext(MessageComponentType.Value, tp.Topic, headers));
            var result = new ConsumeResult<TKey, TValue>
            {
                Topic = tp.Topic,
                Partition = tp.Partition,
                Offset = record.Offset,
                LeaderEpoch = epoch,
                Key = key,
                Value = value,
                Headers = headers,
                Timestamp = new Timestamp(record.Timestamp, (TimestampType)(int)record.TimestampType),
            };
            return new PendingRecord<TKey, TValue>(record.Offset, result, null);
        }
#pragma warning disable CA1031 // A user deserializer may throw anything; the record becomes a ConsumeException.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var at = new TopicPartitionOffset(tp, record.Offset);
            var error = new ConsumeException(ErrorCode.UnknownServerError, $"Cannot deserialize the record at {at}: {e.Message}", at,
                record.IsKeyNull ? null : record.Key.ToArray(), record.IsValueNull ? null : record.Value.ToArray(), e)
            {
                Headers = headers,
            };
            return new PendingRecord<TKey, TValue>(record.Offset, null, error);
        }
    }

    private static Headers ToHeaders(Record record)
    {
        var headers = new Headers();
        foreach (RecordHeaderView header in record.Headers)
        {
            headers.Add(header.GetKey(), header.IsValueNull ? null : header.Value.ToArray());
        }

        return headers;
    }

    /// <summary>The slice of <paramref name="owner"/> that <paramref name="part"/> (a span inside it) covers.</summary>
    private static ReadOnlyMemory<byte> SliceOf(ReadOnlyMemory<byte> owner, ReadOnlySpan<byte> part)
    {
        if (part.IsEmpty)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        nint offset = Unsafe.ByteOffset(ref MemoryMarshal.GetReference(owner.Span), ref MemoryMarshal.GetReference(part));
        return owner.Slice((int)offset, part.Length);
    }
}
