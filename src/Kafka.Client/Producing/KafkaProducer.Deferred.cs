using System.Buffers;
using Kafka.Client.Cluster;
using Kafka.Client.Producing;
using Kafka.Client.Protocol;

namespace Kafka.Client;

/// <summary>
/// Deferred sends: messages that wait for metadata, buffer memory or an asynchronous serializer, appended in the
/// order they were produced by one drain loop.
/// </summary>
public sealed partial class KafkaProducer<TKey, TValue>
{
    /// <summary>Queues a deferred send (the caller holds <c>_deferredSync</c>) and starts the drain loop when it is the first.</summary>
    private void Defer(DeferredSend send)
    {
        _deferred.Enqueue(send);
        if (_deferred.Count == 1)
        {
            _ = DrainDeferredAsync();
        }
    }

    /// <summary>
    /// With an <see cref="IAsyncSerializer{T}"/>: serializes into buffers of this message's own. A serialization
    /// that completes at once goes the usual way; one that does not is deferred, keeping its place in line.
    /// </summary>
    private void EnqueueSerializingAsync(string topic, int partition, long timestamp, Message<TKey, TValue> message, IDeliveryTarget target, object? state, bool blocking, CancellationToken cancellationToken)
    {
        bool keyIsNull = message.Key is null;
        bool valueIsNull = message.Value is null;
        var keyWriter = new ArrayBufferWriter<byte>(keyIsNull ? 1 : 64);
        var valueWriter = new ArrayBufferWriter<byte>(valueIsNull ? 1 : 256);
        ValueTask key = keyIsNull ? default : SerializeAsync(_keySerializer, _asyncKeySerializer, message.Key, keyWriter, new SerializationContext(MessageComponentType.Key, topic, message.Headers), cancellationToken);
        ValueTask value = valueIsNull ? default : SerializeAsync(_valueSerializer, _asyncValueSerializer, message.Value, valueWriter, new SerializationContext(MessageComponentType.Value, topic, message.Headers), cancellationToken);
        if (key.IsCompletedSuccessfully && value.IsCompletedSuccessfully)
        {
            RecordHeader[] headers = ToRecordHeaders(message.Headers);
            EnqueueSerialized(topic, partition, timestamp, keyWriter.WrittenSpan, keyIsNull, valueWriter.WrittenSpan, valueIsNull, headers, target, message, state, blocking, cancellationToken);
            return;
        }

        var entry = new DeliveryEntry(target, message, state, 0, timestamp, _accumulator.Added());
        Task serialization = WhenBothAsync(key, value);
        lock (_deferredSync)
        {
            Defer(DeferredSend.Serializing(topic, partition, timestamp, keyWriter, keyIsNull, valueWriter, valueIsNull, message.Headers, serialization, entry, cancellationToken));
        }
    }

    private static ValueTask SerializeAsync<T>(ISerializer<T>? serializer, IAsyncSerializer<T>? asyncSerializer, T data, IBufferWriter<byte> output, SerializationContext context, CancellationToken cancellationToken)
    {
        if (asyncSerializer is not null)
        {
            return asyncSerializer.SerializeAsync(data, output, context, cancellationToken);
        }

        serializer!.Serialize(data, output, context);
        return default;
    }

    private static async Task WhenBothAsync(ValueTask key, ValueTask value)
    {
        try
        {
            await key.ConfigureAwait(false);
        }
        finally
        {
            // Both are awaited (a ValueTask must be), even when the key failed.
            await value.ConfigureAwait(false);
        }
    }

    /// <summary>Appends deferred sends one at a time, in order, waiting for serialization, metadata and memory as needed.</summary>
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
                await AppendDeferredAsync(next).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Exception error = e is KafkaException or OperationCanceledException ? e : new KafkaException($"Producing to '{next.Topic}' failed: {e.Message}", e);
                Reject(next.Entry, next.Topic, error);
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

    private async Task AppendDeferredAsync(DeferredSend next)
    {
        if (next.Serialization is { } serialization)
        {
            await serialization.ConfigureAwait(false);
            next.SetHeaders(ToRecordHeaders(next.PendingHeaders));
        }

        int size = next.Size;
        ThrowIfTooLarge(size);
        TopicMetadata metadata = KnownTopic(next.Topic, next.Partition) ?? await WaitForTopicAsync(next.Topic, next.Partition, next.CancellationToken).ConfigureAwait(false);
        int chosen = _partitions.Choose(metadata, next.Partition, next.Key.Span, next.KeyIsNull, size);
        await _memory.ReserveAsync(size, _settings.MaxBlock, next.CancellationToken).ConfigureAwait(false);
        try
        {
            Append(new TopicPartition(next.Topic, chosen), next.Timestamp, next.Key.Span, next.KeyIsNull, next.Value.Span, next.ValueIsNull, next.Headers, next.Entry, size);
        }
        catch
        {
            _memory.Release(size);
            throw;
        }
    }

    /// <summary>The cached metadata of <paramref name="topic"/> when it can take a message for <paramref name="partition"/> (-1: any).</summary>
    private TopicMetadata? KnownTopic(string topic, int partition) =>
        _cluster.TryGetTopic(topic) is { Error: ErrorCode.None, Partitions.Length: > 0 } known && partition < known.Partitions.Length ? known : null;

    /// <summary>
    /// Waits up to <c>max.block.ms</c> for the topic's metadata, and, for an explicit partition, for metadata that
    /// has that partition, refreshing it meanwhile (Java's KafkaProducer.waitOnMetadata).
    /// </summary>
    private async Task<TopicMetadata> WaitForTopicAsync(string topic, int partition, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_settings.MaxBlock);
        ErrorCode last = ErrorCode.None;
        int knownPartitions = -1;
        try
        {
            while (true)
            {
                TopicMetadata metadata = await _cluster.GetTopicAsync(topic, deadline.Token).ConfigureAwait(false);
                last = metadata.Error;
                if (metadata.Error == ErrorCode.None && metadata.Partitions.Length > 0)
                {
                    knownPartitions = metadata.Partitions.Length;
                    if (partition < knownPartitions)
                    {
                        return metadata;
                    }

                    // The partition may have just been added: look again, as the Java client does. Unlike Java,
                    // which waits up to max.block.ms, a partition still missing from fresh metadata fails at once:
                    // deferred sends wait in one line, and one bad partition must not hold up every other send.
                    await _cluster.RefreshAsync([topic], deadline.Token).ConfigureAwait(false);
                    if (KnownTopic(topic, partition) is { } refreshed)
                    {
                        return refreshed;
                    }

                    int count = _cluster.TryGetTopic(topic)?.Partitions.Length ?? knownPartitions;
                    throw new KafkaException(ErrorCode.UnknownTopicOrPartition,
                        $"Partition {partition} of topic '{topic}' does not exist: the topic has {count} partitions (metadata just refreshed).", new TopicPartition(topic, partition));
                }
                else if (metadata.Error is ErrorCode.InvalidTopicException or ErrorCode.TopicAuthorizationFailed)
                {
                    throw new KafkaException(metadata.Error, $"Cannot produce to topic '{topic}': {metadata.Error}.");
                }

                await Task.Delay(_settings.RetryBackoff, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            string waited = $"after {_settings.MaxBlock.TotalMilliseconds:F0} ms (max.block.ms)";
            if (knownPartitions > 0)
            {
                throw new KafkaException(ErrorCode.UnknownTopicOrPartition,
                    $"Partition {partition} of topic '{topic}' with partition count {knownPartitions} is not present in metadata {waited}.", new TopicPartition(topic, partition));
            }

            string timedOut = $"Topic '{topic}' not present in metadata {waited}";
            if (last == ErrorCode.None && _cluster.Unreachable is { } unreachable)
            {
                throw new KafkaException(unreachable.Error, $"{timedOut}: {unreachable.Message}", innerException: unreachable);
            }

            throw new KafkaException(last == ErrorCode.None ? ErrorCode.UnknownTopicOrPartition : last, $"{timedOut}{(last == ErrorCode.None ? "" : $": {last}")}.");
        }
    }

    private static RecordHeader[] ToRecordHeaders(Headers? headers)
    {
        int count = headers?.Count ?? 0;
        var converted = new RecordHeader[count];
        for (int i = 0; i < count; i++)
        {
            converted[i] = new RecordHeader(headers![i].Key, headers[i].Value);
        }

        return converted;
    }
}
