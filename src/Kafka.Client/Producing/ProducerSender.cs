using Kafka.Client.Cluster;
using Kafka.Client.Diagnostics;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Producing.Transactions;
using Microsoft.Extensions.Logging;

namespace Kafka.Client.Producing;

/// <summary>
/// The producer's background loop: closes batches that lingered long enough, groups ready batches by leader
/// into one Produce request per broker (up to <c>max.request.size</c>), keeps at most five batches in flight per
/// partition in sequence order, retries retriable errors with backoff until <c>delivery.timeout.ms</c>, and
/// bumps the idempotent epoch after sequence errors.
/// </summary>
internal sealed partial class ProducerSender : IAsyncDisposable
{
    private readonly KafkaCluster _cluster;
    private readonly RecordAccumulator _accumulator;
    private readonly MemoryBudget _memory;
    private readonly ProducerSettings _settings;
    private readonly IdempotenceManager? _idempotence;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte> _connecting = new();
    private int _requestsInFlight;

    /// <summary>
    /// Set when InitProducerId fails with an error retrying cannot fix (a broker too old, no authorization): every
    /// batch then fails with it, as the Java client's fatal TransactionManager state.
    /// </summary>
    private KafkaException? _fatal;

    public ProducerSender(KafkaCluster cluster, RecordAccumulator accumulator, MemoryBudget memory, ILogger logger, Func<IdempotenceManager, Action, TransactionManager>? transactional = null)
    {
        _cluster = cluster;
        _accumulator = accumulator;
        _memory = memory;
        _settings = accumulator.Settings;
        _idempotence = _settings.Idempotence ? new IdempotenceManager(cluster) : null;
        Transactions = transactional is null ? null : transactional(_idempotence!, ResetSequences);
        _logger = logger;
        _loop = RunAsync(_stop.Token);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            _accumulator.ResetWake();
            TimeSpan wait;
            try
            {
                wait = await RunOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (KafkaException e)
            {
                LogMessages.LogSenderError(_logger, e.Message);
                wait = _settings.RetryBackoff;
            }

            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await _accumulator.WakeTask.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One pass: returns how long to wait before the next one (unless woken).</summary>
    /// <summary>The transactional producer's transaction state, or null for a producer without <c>transactional.id</c>.</summary>
    public TransactionManager? Transactions { get; }

    private async Task<TimeSpan> RunOnceAsync(CancellationToken cancellationToken)
    {
        bool canSend = _fatal is null;
        if (Transactions is not null)
        {
            // The producer id comes from InitTransactionsAsync; records go out only inside a transaction, to
            // partitions the coordinator added to it.
            canSend = canSend && Transactions.InTransaction && await AddPartitionsAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (canSend && _idempotence is not null && (!_idempotence.HasId || _idempotence.BumpRequested))
        {
            if (_accumulator.Pending == 0 && !_idempotence.BumpRequested)
            {
                return TimeSpan.FromSeconds(1);
            }

            canSend = false;
            if (Volatile.Read(ref _requestsInFlight) == 0)
            {
                // One bounded attempt per pass: batches must still expire while no broker answers.
                bool bump = _idempotence.HasId;
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(_settings.RequestTimeout);
                try
                {
                    await _idempotence.InitializeAsync(attempt.Token).ConfigureAwait(false);
                    canSend = true;
                    if (bump)
                    {
                        ResetSequences();
                    }
                }
                catch (KafkaException e) when (!e.IsRetriable)
                {
                    // Java: a non-retriable InitProducerId error is fatal for an idempotent producer.
                    _fatal = new KafkaException(e.Error,
                        $"The idempotent producer cannot get a producer id, so nothing can be sent: {e.Message} (enable.idempotence=false produces without one.)", innerException: e);
                    LogMessages.LogSenderError(_logger, _fatal.Message);
                }
                catch (Exception e) when (e is KafkaException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    // No producer id yet: nothing is sent, but batches still expire after delivery.timeout.ms.
                    LogMessages.LogSenderError(_logger, $"InitProducerId failed: {e.Message}");
                    _cluster.RequestRefresh();
                }
            }
        }

        long now = Environment.TickCount64;
        long nextWake = now + 1000;
        var byLeader = new Dictionary<int, (KafkaConnection Connection, List<ProducerBatch> Batches)>();
        List<ProducerBatch>? expired = null;
        bool refresh = false;
        KafkaTransactionException? abortable = Transactions?.AbortableFailure;
        foreach (PartitionQueue queue in _accumulator.Queues)
        {
            lock (queue.Sync)
            {
                if (queue.HasOpenBatch)
                {
                    long due = queue.OpenedAt + (long)_settings.Linger.TotalMilliseconds;
                    if (_accumulator.Flushing || now >= due)
                    {
                        queue.Close();
                    }
                    else
                    {
                        nextWake = Math.Min(nextWake, due);
                    }
                }

                if (_fatal is not null)
                {
                    FailAllLocked(queue, _fatal, ref expired);
                    continue;
                }

                if (abortable is not null)
                {
                    // The transaction can only be aborted: what was not sent never will be (see AbortableFailure). A
                    // batch that had a sequence leaves a gap: the abort bumps the epoch (KIP-360).
                    if (_idempotence is not null && queue.Ready.Any(b => b.BaseSequence >= 0))
                    {
                        _idempotence.BumpRequested = true;
                    }

                    FailAllLocked(queue, abortable, ref expired);
                    continue;
                }

                ExpireLocked(queue, now, ref expired);
                if (!canSend || queue.Ready.Count == 0 || queue.InFlight.Count >= _settings.MaxInFlightPerPartition)
                {
                    continue;
                }

                if (Transactions is not null && !Transactions.IsAdded(queue.Partition))
                {
                    continue;
                }

                ProducerBatch batch = queue.Ready.First!.Value;
                if (batch.RetryAt > now)
                {
                    nextWake = Math.Min(nextWake, batch.RetryAt);
                    continue;
                }

                if (_idempotence is not null && batch.BaseSequence >= 0 && queue.InFlight.Count > 0)
                {
                    // A retried batch goes alone, after everything before it was answered (order is kept).
                    continue;
                }

                int leader = LeaderOf(queue.Partition);
                if (leader < 0)
                {
                    refresh = true;
                    continue;
                }

                // Requests are queued on an open connection, in this pass's order, so batches of one partition
                // reach the broker in sequence order; a broker without one is connected to first.
                KafkaConnection? connection = byLeader.TryGetValue(leader, out var known) ? known.Connection : _cluster.TryGetOpenConnection(leader);
                if (connection is null)
                {
                    Connect(leader);
                    nextWake = Math.Min(nextWake, now + (long)_settings.RetryBackoff.TotalMilliseconds);
                    continue;
                }

                if (_idempotence is not null && SentElsewhere(queue, connection))
                {
                    // The leader moved or the connection was replaced while batches are in flight on the old one:
                    // wait for their answers (retries go back in sequence order) before writing anything on the new
                    // one, so order per partition never depends on the broker refusing a sequence gap (as
                    // librdkafka drains a partition before it sends to a new leader).
                    continue;
                }

                queue.Ready.RemoveFirst();
                batch.SentOn = connection;
                if (_idempotence is not null && batch.BaseSequence < 0)
                {
                    batch.SetProducerState(_idempotence.ProducerId, _idempotence.Epoch, queue.NextSequence);
                    queue.NextSequence = RecordBatch.IncrementSequence(queue.NextSequence, batch.RecordCount);
                }

                queue.InFlight.Add(batch);
                queue.InFlight.Sort(static (a, b) => a.BaseSequence.CompareTo(b.BaseSequence));
                if (!byLeader.TryGetValue(leader, out var request))
                {
                    request = (connection, []);
                    byLeader[leader] = request;
                }

                request.Batches.Add(batch);
            }
        }

        if (expired is not null)
        {
            foreach (ProducerBatch batch in expired)
            {
                Finish(batch, batch.LastError);
            }
        }

        if (refresh)
        {
            _cluster.RequestRefresh();
            nextWake = Math.Min(nextWake, now + (long)_settings.RetryBackoff.TotalMilliseconds);
        }

        foreach (var (connection, batches) in byLeader.Values)
        {
            foreach (List<ProducerBatch> request in SplitBySize(batches))
            {
                Interlocked.Increment(ref _requestsInFlight);
                _ = SendAsync(connection, request, cancellationToken);
            }
        }

        if (!canSend)
        {
            nextWake = Math.Min(nextWake, now + (long)_settings.RetryBackoff.TotalMilliseconds);
        }

        return TimeSpan.FromMilliseconds(Math.Max(0, nextWake - Environment.TickCount64));
    }

    /// <summary>
    /// Adds the partitions with records waiting that are not in the transaction yet (AddPartitionsToTxn, one bounded
    /// attempt per pass); false while they are not added. A refusal makes the transaction abortable and fails their records.
    /// </summary>
    private async Task<bool> AddPartitionsAsync(CancellationToken cancellationToken)
    {
        List<TopicPartition> missing = [];
        foreach (PartitionQueue queue in _accumulator.Queues)
        {
            lock (queue.Sync)
            {
                if ((queue.Ready.Count > 0 || queue.HasOpenBatch) && !Transactions!.IsAdded(queue.Partition))
                {
                    missing.Add(queue.Partition);
                }
            }
        }

        if (missing.Count == 0)
        {
            return true;
        }

        try
        {
            await Transactions!.AddPartitionsAsync(missing, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (KafkaException e) when (!cancellationToken.IsCancellationRequested)
        {
            LogMessages.LogSenderError(_logger, $"AddPartitionsToTxn failed: {e.Message}");
            if (e is KafkaTransactionException || !e.IsRetriable)
            {
                Transactions!.RecordFailed(e);
                List<ProducerBatch>? failed = null;
                foreach (PartitionQueue queue in _accumulator.Queues)
                {
                    lock (queue.Sync)
                    {
                        if (missing.Contains(queue.Partition))
                        {
                            queue.Close();
                            FailAllLocked(queue, e, ref failed);
                        }
                    }
                }

                foreach (ProducerBatch batch in failed ?? [])
                {
                    Finish(batch, e);
                }
            }

            return false;
        }
    }

    /// <summary>True when a batch of <paramref name="queue"/> is in flight on another connection than <paramref name="connection"/>.</summary>
    private static bool SentElsewhere(PartitionQueue queue, KafkaConnection connection)
    {
        foreach (ProducerBatch sent in queue.InFlight)
        {
            if (!ReferenceEquals(sent.SentOn, connection))
            {
                return true;
            }
        }

        return false;
    }

    private int LeaderOf(TopicPartition partition)
    {
        TopicMetadata? topic = _cluster.TryGetTopic(partition.Topic);
        return topic is not null && partition.Partition < topic.Partitions.Length ? topic.Partitions[partition.Partition].Leader : -1;
    }

    private IEnumerable<List<ProducerBatch>> SplitBySize(List<ProducerBatch> batches)
    {
        var current = new List<ProducerBatch>();
        int size = 0;
        foreach (ProducerBatch batch in batches)
        {
            if (current.Count > 0 && size + batch.Length > _settings.MaxRequestSize)
            {
                yield return current;
                current = [];
                size = 0;
            }

            current.Add(batch);
            size += batch.Length;
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }

    /// <summary>After an epoch bump every partition's sequences restart at 0, in the order batches are queued.</summary>
    private void ResetSequences()
    {
        foreach (PartitionQueue queue in _accumulator.Queues)
        {
            lock (queue.Sync)
            {
                queue.NextSequence = 0;
                foreach (ProducerBatch batch in queue.Ready)
                {
                    batch.BaseSequence = -1;
                }
            }
        }
    }

    /// <summary>Closes the open batch and takes out every waiting one, to be failed with <paramref name="error"/> by the caller, after the lock.</summary>
    private static void FailAllLocked(PartitionQueue queue, KafkaException error, ref List<ProducerBatch>? failed)
    {
        if (queue.HasOpenBatch)
        {
            queue.Close();
        }

        while (queue.Ready.First is { } first)
        {
            queue.Ready.RemoveFirst();
            first.Value.LastError = error;
            (failed ??= []).Add(first.Value);
        }
    }

    /// <summary>Takes out batches that waited longer than delivery.timeout.ms since they were created (failed by the caller, after the lock).</summary>
    private void ExpireLocked(PartitionQueue queue, long now, ref List<ProducerBatch>? expired)
    {
        long timeout = (long)_settings.DeliveryTimeout.TotalMilliseconds;
        while (queue.Ready.First is { } first && now - first.Value.CreatedAt > timeout)
        {
            ProducerBatch batch = first.Value;
            queue.Ready.RemoveFirst();
            if (_idempotence is not null && batch.BaseSequence >= 0)
            {
                // A sequenced batch that is given up leaves a gap: start a new epoch (KIP-360).
                _idempotence.BumpRequested = true;
            }

            batch.LastError = new KafkaException(batch.LastError?.Error ?? ErrorCode.RequestTimedOut,
                $"Expiring {batch.RecordCount} record(s) for {batch.Partition}: {now - batch.CreatedAt} ms has passed since batch creation (delivery.timeout.ms = {timeout}). Last error: {batch.LastError?.Message ?? "none"}",
                batch.Partition);
            (expired ??= []).Add(batch);
        }
    }

    /// <summary>
    /// Reports a batch's outcome and frees its memory, exactly once. Never called under a partition's lock: the
    /// reports run user callbacks.
    /// </summary>
    private void Finish(ProducerBatch batch, KafkaException? error, long baseOffset = -1, long logAppendTime = -1)
    {
        if (!batch.TryClaim())
        {
            // Already failed by the producer's close; a late answer must not report the messages twice.
            return;
        }

        // Buffer memory is given back before the callbacks run: a handler that produces again (and so may wait for
        // buffer.memory on this thread) must not wait for memory only its own return would free.
        _memory.Release(batch.Memory);
        if (error is null)
        {
            Diagnostics.KafkaTelemetry.MessagesSent.Add(batch.RecordCount, new KeyValuePair<string, object?>("messaging.destination.name", batch.Partition.Topic));
            Diagnostics.KafkaTelemetry.BytesSent.Add(batch.Length, new KeyValuePair<string, object?>("messaging.destination.name", batch.Partition.Topic));
            Diagnostics.KafkaTelemetry.BatchRecords.Record(batch.RecordCount);
            batch.Complete(baseOffset, logAppendTime, _accumulator);
        }
        else
        {
            // A record of a transaction that was not delivered: the transaction can only be aborted.
            Transactions?.RecordFailed(error);
            batch.Fail(error, _accumulator);
        }
    }

    /// <summary>Opens the connection to a leader in the background and wakes the sender when it is there (or failed).</summary>
    private void Connect(int leader)
    {
        if (!_connecting.TryAdd(leader, 0))
        {
            return;
        }

        _ = ConnectAsync(leader);
    }

    private async Task ConnectAsync(int leader)
    {
        try
        {
            await _cluster.ConnectionToAsync(leader, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KafkaException or OperationCanceledException or ObjectDisposedException)
        {
            if (e is KafkaException)
            {
                LogMessages.LogSenderError(_logger, $"Cannot connect to leader {leader}: {e.Message}");
                _cluster.RequestRefresh();
            }
        }
        finally
        {
            _connecting.TryRemove(leader, out _);
            _accumulator.Wake();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
