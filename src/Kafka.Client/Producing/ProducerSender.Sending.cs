using Kafka.Client.Diagnostics;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Producing;

/// <summary>Sending one Produce request and applying its answer to each batch.</summary>
internal sealed partial class ProducerSender
{
    /// <summary>
    /// Sends one Produce request. Called in the sender's order, and it queues the request on the connection before
    /// its first await, so requests for one partition are written in sequence order.
    /// </summary>
    private async Task SendAsync(KafkaConnection connection, List<ProducerBatch> batches, CancellationToken cancellationToken)
    {
        try
        {
            short version = connection.VersionFor(ApiKey.Produce);
            ProduceRequest request = BuildRequest(batches);
            if (_settings.Acks == 0)
            {
                await connection.SendWithoutResponseAsync(request, version, cancellationToken).ConfigureAwait(false);
                foreach (ProducerBatch batch in batches)
                {
                    Answer(batch, ErrorCode.None, -1, -1, null);
                }

                return;
            }

            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            ProduceResponse response = await connection.SendWithVersionAsync(request, version, cancellationToken).ConfigureAwait(false);
            Diagnostics.KafkaTelemetry.RequestDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
            var answers = new ProduceAnswers(response);
            foreach (ProducerBatch batch in batches)
            {
                ProduceResponse.PartitionProduceResponse? result = answers.Find(batch.Partition);
                if (result is null)
                {
                    Answer(batch, ErrorCode.UnknownServerError, -1, -1, "the broker's answer did not mention this partition");
                }
                else
                {
                    Answer(batch, (ErrorCode)result.ErrorCode, result.BaseOffset, result.LogAppendTimeMs, result.ErrorMessage);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            foreach (ProducerBatch batch in batches)
            {
                Answer(batch, ErrorCode.NetworkException, -1, -1, "the producer is closing");
            }
        }
        catch (KafkaException e)
        {
            // The request may or may not have been written: retrying with the same sequence lets the broker drop
            // a duplicate, so nothing is written twice.
            _cluster.RequestRefresh();
            foreach (ProducerBatch batch in batches)
            {
                Answer(batch, e.Error is ErrorCode.UnknownServerError ? ErrorCode.NetworkException : e.Error, -1, -1, e.Message);
            }
        }
#pragma warning disable CA1031 // Whatever went wrong, every batch of the request must get an answer.
        catch (Exception e)
#pragma warning restore CA1031
        {
            foreach (ProducerBatch batch in batches)
            {
                Answer(batch, ErrorCode.NetworkException, -1, -1, e.Message);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _requestsInFlight);
            _accumulator.Wake();
        }
    }

    private ProduceRequest BuildRequest(List<ProducerBatch> batches)
    {
        var request = new ProduceRequest
        {
            Acks = _settings.Acks,
            TimeoutMs = (int)_settings.RequestTimeout.TotalMilliseconds,
            TransactionalId = Transactions?.TransactionalId,
        };
        foreach (ProducerBatch batch in batches)
        {
            ProduceRequest.TopicProduceData? topic = FindTopic(request.TopicData, batch.Partition.Topic);
            if (topic is null)
            {
                topic = new ProduceRequest.TopicProduceData { Name = batch.Partition.Topic };
                request.TopicData.Add(topic);
            }

            topic.PartitionData.Add(new ProduceRequest.PartitionProduceData { Index = batch.Partition.Partition, Records = batch.Bytes });
        }

        return request;
    }

    // A loop, not List.Find with a lambda: the lambda captured the batch, one closure per batch sent.
    private static ProduceRequest.TopicProduceData? FindTopic(List<ProduceRequest.TopicProduceData> topics, string name)
    {
        foreach (ProduceRequest.TopicProduceData topic in topics)
        {
            if (topic.Name == name)
            {
                return topic;
            }
        }

        return null;
    }

    /// <summary>Applies one partition's answer: success, retry (in sequence order) or failure; reports after the lock.</summary>
    private void Answer(ProducerBatch batch, ErrorCode error, long baseOffset, long logAppendTime, string? message)
    {
        PartitionQueue queue = _accumulator.Queue(batch.Partition);
        KafkaException? failure;
        bool requeued;
        lock (queue.Sync)
        {
            failure = Decide(queue, batch, error, message, out requeued);
        }

        if (error is not (ErrorCode.None or ErrorCode.DuplicateSequenceNumber))
        {
            // As the Java client's Sender ("Got error produce response ... retrying"), outside the partition's lock.
            LogMessages.LogProduceError(_logger, error, batch.Partition, requeued ? "retrying" : "not retrying", message ?? "");
        }

        if (!requeued)
        {
            Finish(batch, failure, baseOffset, logAppendTime);
        }
    }

    /// <summary>Under the partition's lock: requeues the batch (true), or returns its error (null on success).</summary>
    private KafkaException? Decide(PartitionQueue queue, ProducerBatch batch, ErrorCode error, string? message, out bool requeued)
    {
        requeued = false;
        queue.InFlight.Remove(batch);
        if (error is ErrorCode.None or ErrorCode.DuplicateSequenceNumber)
        {
            return null;
        }

        var exception = new KafkaException(error, $"{error} producing to {batch.Partition}{(message is null ? "" : $": {message}")}", batch.Partition);
        Diagnostics.KafkaTelemetry.Errors.Add(1, new KeyValuePair<string, object?>("error.type", error.ToString()));
        batch.LastError = exception;
        if (queue.Closed)
        {
            return new KafkaException(ErrorCode.NetworkException, $"The producer was closed before the message was delivered (last error: {exception.Message}).", batch.Partition);
        }

        if (error is ErrorCode.NotLeaderOrFollower or ErrorCode.UnknownTopicOrPartition or ErrorCode.LeaderNotAvailable or ErrorCode.NetworkException or ErrorCode.KafkaStorageError)
        {
            _cluster.RequestRefresh();
        }

        bool sequenceError = error is ErrorCode.OutOfOrderSequenceNumber or ErrorCode.UnknownProducerId or ErrorCode.InvalidProducerEpoch;
        if (_idempotence is not null && sequenceError)
        {
            // A gap after an earlier batch failed is retried in order; a gap at the head of the partition means
            // the broker lost the producer's state: bump the epoch and start the sequences again (KIP-360).
            bool head = queue.InFlight.Count == 0 || queue.InFlight[0].BaseSequence > batch.BaseSequence;
            bool earlierWaiting = queue.Ready.First is { } first && first.Value.BaseSequence >= 0 && first.Value.BaseSequence < batch.BaseSequence;
            if (head && !earlierWaiting)
            {
                _idempotence.BumpRequested = true;
            }

            Requeue(queue, batch);
            requeued = true;
            return null;
        }

        if (error.IsRetriable() || error is ErrorCode.NetworkException)
        {
            Requeue(queue, batch);
            requeued = true;
            return null;
        }

        if (_idempotence is not null && batch.BaseSequence >= 0)
        {
            _idempotence.BumpRequested = true;
        }

        return exception;
    }

    /// <summary>Puts a batch back to be sent again, before every batch with a later sequence.</summary>
    private void Requeue(PartitionQueue queue, ProducerBatch batch)
    {
        batch.Attempts++;
        batch.RetryAt = Environment.TickCount64 + (long)Cluster.Backoff.Delay(_settings.RetryBackoff, _settings.RetryBackoffMax, batch.Attempts).TotalMilliseconds;
        LinkedListNode<ProducerBatch>? node = queue.Ready.First;
        while (node is not null && node.Value.BaseSequence >= 0 && node.Value.BaseSequence < batch.BaseSequence)
        {
            node = node.Next;
        }

        if (node is null)
        {
            queue.Ready.AddLast(batch);
        }
        else
        {
            queue.Ready.AddBefore(node, batch);
        }
    }
}
