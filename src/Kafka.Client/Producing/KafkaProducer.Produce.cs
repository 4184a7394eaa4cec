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
    /// <returns>Where the message was written.</returns>
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
        var target = new AwaitedDelivery<TKey, TValue>(topic, message);
        Task? deferred = Enqueue(topic, partition, message, target, cancellationToken);
        if (deferred is null && !cancellationToken.CanBeCanceled)
        {
            return new ValueTask<DeliveryResult<TKey, TValue>>(target.Task);
        }

        return AwaitAsync(deferred, target, cancellationToken);
    }

    private static async ValueTask<DeliveryResult<TKey, TValue>> AwaitAsync(Task? deferred, AwaitedDelivery<TKey, TValue> target, CancellationToken cancellationToken)
    {
        if (deferred is not null)
        {
            await deferred.ConfigureAwait(false);
        }

        return await target.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Produces a message without waiting; <paramref name="deliveryHandler"/> (if any) is called once with the
    /// outcome, on a background thread.
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
        IDeliveryTarget target = deliveryHandler is null ? IgnoredDelivery.Instance : new CallbackDelivery<TKey, TValue>(topic, message, deliveryHandler);
        Enqueue(topic, partition, message, target, CancellationToken.None);
    }

    /// <summary>
    /// Serializes and appends the message at once when metadata and buffer memory allow (no allocation but the
    /// caller's own); otherwise defers it, in order. Returns null, or the deferred append to await.
    /// </summary>
    private Task? Enqueue(string topic, int partition, Message<TKey, TValue> message, IDeliveryTarget target, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Diagnostics.KafkaTelemetry.Source.HasListeners())
        {
            Headers? traced = message.Headers;
            if (Diagnostics.KafkaTelemetry.StartSend(topic, _cluster.Settings.Connection.ClientId, ref traced) is { } activity)
            {
                message.Headers = traced;
                target = new TracedDelivery(target, activity);
            }
        }

        PooledBufferWriter keyBuffer = t_keyBuffer ??= new PooledBufferWriter(256);
        PooledBufferWriter valueBuffer = t_valueBuffer ??= new PooledBufferWriter(1024);
        keyBuffer.Clear();
        valueBuffer.Clear();
        bool keyIsNull = message.Key is null;
        bool valueIsNull = message.Value is null;
        if (!keyIsNull)
        {
            _keySerializer.Serialize(message.Key, keyBuffer, new SerializationContext(MessageComponentType.Key, topic, message.Headers));
        }

        if (!valueIsNull)
        {
            _valueSerializer.Serialize(message.Value, valueBuffer, new SerializationContext(MessageComponentType.Value, topic, message.Headers));
        }

        long timestamp = message.Timestamp.Type == TimestampType.NotAvailable ? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() : message.Timestamp.UnixTimestampMs;
        RecordHeader[]? headers = RentHeaders(message.Headers, out int headerCount);
        try
        {
            ReadOnlySpan<RecordHeader> headerSpan = headers.AsSpan(0, headerCount);
            int size = RecordBatchBuilder.EstimateRecordSize(keyIsNull ? 0 : keyBuffer.WrittenCount, valueIsNull ? 0 : valueBuffer.WrittenCount, headerSpan);
            if (size + RecordBatchHeaderSize > _settings.MaxRequestSize)
            {
                throw new KafkaException(ErrorCode.MessageTooLarge,
                    $"The message is {size + RecordBatchHeaderSize} bytes when serialized which is larger than {_settings.MaxRequestSize}, which is the value of the max.request.size configuration.");
            }

            _accumulator.Added();
            lock (_deferredSync)
            {
                if (_deferred.Count == 0 && _cluster.TryGetTopic(topic) is { Error: ErrorCode.None, Partitions.Length: > 0 } metadata && _memory.TryReserve(size))
                {
                    try
                    {
                        int chosen = ChoosePartition(metadata, partition, keyBuffer.WrittenSpan, keyIsNull, size);
                        Append(new TopicPartition(topic, chosen), timestamp, keyBuffer.WrittenSpan, keyIsNull, valueBuffer.WrittenSpan, valueIsNull, headerSpan, target, size);
                        return null;
                    }
                    catch
                    {
                        _memory.Release(size);
                        _accumulator.Finished(1);
                        throw;
                    }
                }

                var deferred = new DeferredSend(topic, partition, timestamp, keyBuffer.WrittenSpan.ToArray(), keyIsNull,
                    valueBuffer.WrittenSpan.ToArray(), valueIsNull, headerSpan.ToArray(), target, cancellationToken);
                _deferred.Enqueue(deferred);
                if (_deferred.Count == 1)
                {
                    _ = DrainDeferredAsync();
                }

                return deferred.Task;
            }
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

    /// <summary>Appends deferred sends one at a time, in order, waiting for metadata and memory as needed.</summary>
    private async Task DrainDeferredAsync()
    {
        await Task.Yield();
        while (true)
        {
            DeferredSend next;
            lock (_deferredSync)
            {
                if (!_deferred.TryPeek(out next!))
                {
                    return;
                }
            }

            try
            {
                TopicMetadata metadata = _cluster.TryGetTopic(next.Topic) is { Error: ErrorCode.None, Partitions.Length: > 0 } known
                    ? known
                    : await WaitForTopicAsync(next.Topic, next.CancellationToken).ConfigureAwait(false);
                int size = next.Size;
                int chosen = ChoosePartition(metadata, next.Partition, next.Key, next.KeyIsNull, size);
                await _memory.ReserveAsync(size, _settings.MaxBlock, next.CancellationToken).ConfigureAwait(false);
                Append(new TopicPartition(next.Topic, chosen), next.Timestamp, next.Key, next.KeyIsNull, next.Value, next.ValueIsNull, next.Headers, next.Target, size);
                next.TrySetResult();
            }
            catch (Exception e)
            {
                KafkaException error = e as KafkaException ?? new KafkaException($"Producing to '{next.Topic}' failed: {e.Message}", e);
                next.Target.Failed(error);
                _accumulator.Finished(1);
                if (e is OperationCanceledException)
                {
                    next.TrySetCanceled(next.CancellationToken);
                }
                else
                {
                    next.TrySetException(error);
                }
            }

            lock (_deferredSync)
            {
                _deferred.Dequeue();
                if (_deferred.Count == 0)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Waits up to <c>max.block.ms</c> for the topic's metadata (Java's KafkaProducer.waitOnMetadata).</summary>
    private async Task<TopicMetadata> WaitForTopicAsync(string topic, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_settings.MaxBlock);
        ErrorCode last = ErrorCode.None;
        try
        {
            while (true)
            {
                TopicMetadata metadata = await _cluster.GetTopicAsync(topic, deadline.Token).ConfigureAwait(false);
                last = metadata.Error;
                if (metadata.Error == ErrorCode.None && metadata.Partitions.Length > 0)
                {
                    return metadata;
                }

                if (metadata.Error is ErrorCode.InvalidTopicException or ErrorCode.TopicAuthorizationFailed)
                {
                    throw new KafkaException(metadata.Error, $"Cannot produce to topic '{topic}': {metadata.Error}.");
                }

                await Task.Delay(_settings.RetryBackoff, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            string timedOut = $"Topic '{topic}' not present in metadata after {_settings.MaxBlock.TotalMilliseconds:F0} ms (max.block.ms)";
            if (last == ErrorCode.None && _cluster.Unreachable is { } unreachable)
            {
                throw new KafkaException(unreachable.Error, $"{timedOut}: {unreachable.Message}", innerException: unreachable);
            }

            throw new KafkaException(last == ErrorCode.None ? ErrorCode.UnknownTopicOrPartition : last, $"{timedOut}{(last == ErrorCode.None ? "" : $": {last}")}.");
        }
    }

    private void Append(TopicPartition partition, long timestamp, ReadOnlySpan<byte> key, bool keyIsNull, ReadOnlySpan<byte> value, bool valueIsNull, ReadOnlySpan<RecordHeader> headers, IDeliveryTarget target, int size)
    {
        PartitionQueue queue = _accumulator.Queue(partition);
        bool wake;
        lock (queue.Sync)
        {
            bool opened = !queue.HasOpenBatch;
            bool closed = queue.Append(timestamp, key, keyIsNull, value, valueIsNull, headers, target, size, Environment.TickCount64);
            wake = opened || closed || _settings.Linger == TimeSpan.Zero;
        }

        if (wake)
        {
            _accumulator.Wake();
        }
    }

    private int ChoosePartition(TopicMetadata metadata, int partition, ReadOnlySpan<byte> key, bool keyIsNull, int size)
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
        else if (!keyIsNull && !_options.PartitionerIgnoreKeys)
        {
            return Murmur2.Partition(key, count);
        }

        return _sticky.Select(metadata.Name, count, metadata.AvailablePartitions, size);
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
