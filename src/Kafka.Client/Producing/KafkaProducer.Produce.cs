using System.Buffers;
using Kafka.Client.Cluster;
using Kafka.Client.Producing;
using Kafka.Client.Protocol;

namespace Kafka.Client;

/// <summary>Producing: serialization, partitioning and appending to the partition's batch.</summary>
public sealed partial class KafkaProducer<TKey, TValue>
{
    /// <summary>The record batch header (61 bytes), counted against max.request.size with the record.</summary>
    private const int RecordBatchHeaderSize = 61;

    [ThreadStatic]
    private static PooledBufferWriter? t_keyBuffer;

    [ThreadStatic]
    private static PooledBufferWriter? t_valueBuffer;

    /// <summary>Produces a message to <paramref name="topic"/> and completes when the broker acknowledged it.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Stops waiting: for metadata, for buffer memory, or for the acknowledgement (the message may still be delivered).</param>
    /// <returns>Where the message was written. The only allocation per message is the result itself.</returns>
    /// <exception cref="ProduceException{TKey, TValue}">The message could not be delivered; the error says why.</exception>
    /// <exception cref="KafkaException">The topic is unknown after <c>max.block.ms</c>, the message is larger than <c>max.request.size</c>, or <c>buffer.memory</c> stayed full for <c>max.block.ms</c>.</exception>
    public ValueTask<DeliveryResult<TKey, TValue>> ProduceAsync(string topic, Message<TKey, TValue> message, CancellationToken cancellationToken = default) =>
        ProduceAsync(topic, -1, message, cancellationToken);

    /// <summary>Produces a message to one partition and completes when the broker acknowledged it.</summary>
    /// <inheritdoc cref="ProduceAsync(string, Message{TKey, TValue}, CancellationToken)"/>
    public ValueTask<DeliveryResult<TKey, TValue>> ProduceAsync(TopicPartition topicPartition, Message<TKey, TValue> message, CancellationToken cancellationToken = default) =>
        ProduceAsync(topicPartition.Topic, topicPartition.Partition < 0 ? throw new ArgumentOutOfRangeException(nameof(topicPartition)) : topicPartition.Partition, message, cancellationToken);

    private ValueTask<DeliveryResult<TKey, TValue>> ProduceAsync(string topic, int partition, Message<TKey, TValue> message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ThrowUnlessInTransaction();
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<DeliveryResult<TKey, TValue>>(cancellationToken);
        }

        AwaitedDelivery<TKey, TValue> source = _deliveries.Rent();
        ValueTask<DeliveryResult<TKey, TValue>> result = source.Start(cancellationToken);
        try
        {
            Enqueue(topic, partition, message, source, null, blocking: false, cancellationToken);
        }
        catch
        {
            source.Abandon();
            throw;
        }

        return result;
    }

    /// <summary>
    /// Produces a message without waiting for the broker; <paramref name="deliveryHandler"/> (if any) is called
    /// once with the outcome, on a background thread. Nothing is allocated per message beyond the caller's own
    /// objects. While the topic's metadata is unknown or <c>buffer.memory</c> is full the call blocks, as the Java
    /// client's <c>send()</c>, for up to <c>max.block.ms</c>; after that the handler gets the error. Called from a
    /// delivery handler it never blocks: the message waits in line instead.
    /// </summary>
    /// <exception cref="KafkaException">The message is larger than <c>max.request.size</c>.</exception>
    public void Produce(string topic, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>>? deliveryHandler = null) =>
        Produce(topic, -1, message, deliveryHandler);

    /// <summary>Produces a message to one partition without waiting.</summary>
    /// <inheritdoc cref="Produce(string, Message{TKey, TValue}, Action{DeliveryReport{TKey, TValue}}?)"/>
    public void Produce(TopicPartition topicPartition, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>>? deliveryHandler = null) =>
        Produce(topicPartition.Topic, topicPartition.Partition, message, deliveryHandler);

    private void Produce(string topic, int partition, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>>? deliveryHandler)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ThrowUnlessInTransaction();
        IDeliveryTarget target = deliveryHandler is null ? IgnoredDelivery.Instance : CallbackDelivery<TKey, TValue>.Instance;

        // Inside a delivery handler the thread is the one that reports (and frees) other batches: waiting there
        // could wait for itself, so the message is queued in order instead.
        Enqueue(topic, partition, message, target, deliveryHandler, blocking: !DeliveryReporting.OnThisThread, CancellationToken.None);
    }

    /// <summary>Starts the send span (when traced), serializes, then appends or defers the message.</summary>
    private void Enqueue(string topic, int partition, Message<TKey, TValue> message, IDeliveryTarget target, object? state, bool blocking, CancellationToken cancellationToken)
    {
        if (Diagnostics.KafkaTelemetry.Source.HasListeners())
        {
            Headers? traced = message.Headers;
            if (Diagnostics.KafkaTelemetry.StartSend(topic, _cluster.Settings.Connection.ClientId, ref traced) is { } activity)
            {
                message.Headers = traced;
                target = new TracedDelivery(target, state, activity);
                state = null;
            }
        }

        long timestamp = message.Timestamp.Type == TimestampType.NotAvailable ? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() : message.Timestamp.UnixTimestampMs;
        if (_asyncKeySerializer is not null || _asyncValueSerializer is not null)
        {
            EnqueueSerializingAsync(topic, partition, timestamp, message, target, state, blocking, cancellationToken);
            return;
        }

        PooledBufferWriter keyBuffer = t_keyBuffer ??= new PooledBufferWriter(256);
        PooledBufferWriter valueBuffer = t_valueBuffer ??= new PooledBufferWriter(1024);
        keyBuffer.Clear();
        valueBuffer.Clear();
        bool keyIsNull = message.Key is null;
        bool valueIsNull = message.Value is null;
        if (!keyIsNull)
        {
            _keySerializer!.Serialize(message.Key, keyBuffer, new SerializationContext(MessageComponentType.Key, topic, message.Headers));
        }

        if (!valueIsNull)
        {
            _valueSerializer!.Serialize(message.Value, valueBuffer, new SerializationContext(MessageComponentType.Value, topic, message.Headers));
        }

        RecordHeader[]? headers = RentHeaders(message.Headers, out int headerCount);
        try
        {
            EnqueueSerialized(topic, partition, timestamp, keyBuffer.WrittenSpan, keyIsNull, valueBuffer.WrittenSpan, valueIsNull,
                headers.AsSpan(0, headerCount), target, message, state, blocking, cancellationToken);
        }
        finally
        {
            if (headers is not null)
            {
                Array.Clear(headers, 0, headerCount);
                ArrayPool<RecordHeader>.Shared.Return(headers);
            }
        }
    }

    /// <summary>
    /// Appends the serialized message at once when metadata and buffer memory allow (no allocation but the
    /// caller's own); otherwise defers it, in order. The synchronous <c>Produce</c> (<paramref name="blocking"/>)
    /// waits for metadata and buffer memory on the calling thread instead (unless others are already deferred),
    /// so <c>buffer.memory</c> bounds what a tight loop of <c>Produce</c> calls holds and nothing is copied.
    /// </summary>
    private void EnqueueSerialized(string topic, int partition, long timestamp, ReadOnlySpan<byte> key, bool keyIsNull, ReadOnlySpan<byte> value, bool valueIsNull,
        ReadOnlySpan<RecordHeader> headers, IDeliveryTarget target, Message<TKey, TValue> message, object? state, bool blocking, CancellationToken cancellationToken)
    {
        int size = RecordBatchBuilder.EstimateRecordSize(keyIsNull ? 0 : key.Length, valueIsNull ? 0 : value.Length, headers);
        ThrowIfTooLarge(size);
        var entry = new DeliveryEntry(target, message, state, 0, timestamp, _accumulator.Added());
        bool reserved = false;
        while (true)
        {
            lock (_deferredSync)
            {
                if (reserved && Volatile.Read(ref _disposed) != 0)
                {
                    // Disposed while this call waited: the sender is gone, so nothing appended now would be sent.
                    _memory.Release(size);
                    Reject(entry, topic, new ObjectDisposedException(GetType().Name, "The producer was disposed while the message waited for buffer memory."));
                    return;
                }

                if (_deferred.Count == 0 && KnownTopic(topic, partition) is { } metadata && (reserved || _memory.TryReserve(size)))
                {
                    AppendNow(metadata, partition, timestamp, key, keyIsNull, value, valueIsNull, headers, entry, size);
                    return;
                }

                if (!blocking || _deferred.Count > 0)
                {
                    if (reserved)
                    {
                        // Someone deferred meanwhile: queue behind them; the drain loop takes memory again.
                        _memory.Release(size);
                    }

                    Defer(DeferredSend.Serialized(topic, partition, timestamp, key, keyIsNull, value, valueIsNull, headers, size, entry, cancellationToken));
                    return;
                }
            }

            try
            {
                if (KnownTopic(topic, partition) is null)
                {
                    // As the Java client's send() (waitOnMetadata): block for the topic's metadata up to max.block.ms.
                    WaitForTopicAsync(topic, partition, CancellationToken.None).GetAwaiter().GetResult();
                }
                else if (!reserved)
                {
                    _memory.Reserve(size, _settings.MaxBlock);
                    reserved = true;
                }
            }
            catch (Exception e)
            {
                // As the Java client's send(): metadata or buffer memory missing after max.block.ms goes to the callback.
                if (reserved)
                {
                    _memory.Release(size);
                }

                Reject(entry, topic, e);
                return;
            }
        }
    }

    /// <summary>Reports a message that never reached a batch, and counts it done for flushes.</summary>
    private void Reject(in DeliveryEntry entry, string topic, Exception error)
    {
        entry.Target.Rejected(entry.Message, entry.State, topic, error);
        _accumulator.Finished(entry.Generation, 1);
    }

    private void AppendNow(TopicMetadata metadata, int partition, long timestamp, ReadOnlySpan<byte> key, bool keyIsNull, ReadOnlySpan<byte> value, bool valueIsNull,
        ReadOnlySpan<RecordHeader> headers, in DeliveryEntry entry, int size)
    {
        try
        {
            int chosen = _partitions.Choose(metadata, partition, key, keyIsNull, size);
            Append(new TopicPartition(metadata.Name, chosen), timestamp, key, keyIsNull, value, valueIsNull, headers, entry, size);
        }
        catch
        {
            _memory.Release(size);
            _accumulator.Finished(entry.Generation, 1);
            throw;
        }
    }

    private void ThrowIfTooLarge(int size)
    {
        if (size + RecordBatchHeaderSize > _settings.MaxRequestSize)
        {
            throw new KafkaException(ErrorCode.MessageTooLarge,
                $"The message is {size + RecordBatchHeaderSize} bytes when serialized which is larger than {_settings.MaxRequestSize}, which is the value of the max.request.size configuration.");
        }
    }

    private void Append(TopicPartition partition, long timestamp, ReadOnlySpan<byte> key, bool keyIsNull, ReadOnlySpan<byte> value, bool valueIsNull, ReadOnlySpan<RecordHeader> headers, in DeliveryEntry entry, int size)
    {
        PartitionQueue queue = _accumulator.Queue(partition);
        bool wake;
        lock (queue.Sync)
        {
            bool opened = !queue.HasOpenBatch;
            bool closed = queue.Append(timestamp, key, keyIsNull, value, valueIsNull, headers, entry, size, Environment.TickCount64);
            wake = opened || closed || _settings.Linger == TimeSpan.Zero;
        }

        if (wake)
        {
            _accumulator.Wake();
        }
    }

    private static RecordHeader[]? RentHeaders(Headers? headers, out int count)
    {
        count = headers?.Count ?? 0;
        if (count == 0)
        {
            return null;
        }

        RecordHeader[] rented = ArrayPool<RecordHeader>.Shared.Rent(count);
        for (int i = 0; i < count; i++)
        {
            Header header = headers![i];
            rented[i] = new RecordHeader(header.Key, header.Value);
        }

        return rented;
    }
}
