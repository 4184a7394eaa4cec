using System.Runtime.CompilerServices;
using Kafka.Client.Consuming;
using Kafka.Client.Protocol;

namespace Kafka.Client;

/// <summary>Handing records to the application.</summary>
public sealed partial class KafkaConsumer<TKey, TValue>
{
    /// <summary>How often the consume loop leaves its fast path to check on the group, patterns and errors.</summary>
    private const long HousekeepingIntervalMs = 500;

    private readonly List<PendingRecord<TKey, TValue>> _batch = [];
    private long _nextHousekeeping;
    private int _batchIndex;
    private PartitionState? _batchState;
    private int _batchVersion;
    private long _batchEnd;
    private FetchedPartition? _current;

    /// <summary>
    /// The records of the assigned partitions, as they arrive, for <c>await foreach</c>; runs until
    /// <paramref name="cancellationToken"/> is cancelled (then throws <see cref="OperationCanceledException"/>).
    /// Group membership, rebalance handlers and auto-commit happen inside this loop.
    /// </summary>
    /// <exception cref="ConsumeException">A record failed to deserialize; consuming again goes on after it.</exception>
    /// <exception cref="KafkaException">A partition has no valid position (<c>auto.offset.reset</c> none) or a fatal group error.</exception>
    /// <exception cref="InvalidOperationException">Neither subscribed nor assigned (as Java's poll).</exception>
    public async IAsyncEnumerable<ConsumeResult<TKey, TValue>> ConsumeAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            ConsumeResult<TKey, TValue>? result = await ConsumeAsync(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            if (result is not null)
            {
                yield return result;
            }
        }
    }

    /// <summary>
    /// The next record, waiting at most <paramref name="timeout"/>; null when none came in time. For poll loops;
    /// <see cref="ConsumeAsync(CancellationToken)"/> reads better with <c>await foreach</c>.
    /// </summary>
    /// <exception cref="ConsumeException">A record failed to deserialize; consuming again goes on after it.</exception>
    /// <exception cref="KafkaException">A partition has no valid position (<c>auto.offset.reset</c> none) or a fatal group error.</exception>
    /// <exception cref="InvalidOperationException">Neither subscribed nor assigned (as Java's poll).</exception>
    public ValueTask<ConsumeResult<TKey, TValue>?> ConsumeAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        // Fast path: a decoded record is ready and the group needs nothing: no await, no allocation.
        if (Volatile.Read(ref _disposed) == 0 && !cancellationToken.IsCancellationRequested && !NeedsGroupWork() && Environment.TickCount64 < _nextHousekeeping)
        {
            _group?.Polled();
            if (TryNext(out ConsumeResult<TKey, TValue>? ready))
            {
                return new ValueTask<ConsumeResult<TKey, TValue>?>(ready);
            }
        }

        return ConsumeSlowAsync(timeout, cancellationToken);
    }

    private async ValueTask<ConsumeResult<TKey, TValue>?> ConsumeSlowAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        long deadline = timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            ThrowIfDisposed();
            cancellationToken.ThrowIfCancellationRequested();
            if (_subscriptions.Kind == SubscriptionKind.None)
            {
                throw new InvalidOperationException("The consumer is not subscribed to any topic and has no assigned partitions: call Subscribe() or Assign() first.");
            }

            _group?.Polled();
            _nextHousekeeping = Environment.TickCount64 + HousekeepingIntervalMs;
            await RunGroupWorkAsync(cancellationToken).ConfigureAwait(false);
            MaybeAutoCommit();
            _nextHousekeeping = Math.Min(_nextHousekeeping, _nextAutoCommit);
            ThrowPartitionError();
            MarkPolled();
            if (TryNext(out ConsumeResult<TKey, TValue>? result))
            {
                return result;
            }

            long left = deadline - Environment.TickCount64;
            if (left <= 0)
            {
                return null;
            }

            await WaitForWorkAsync(Math.Min(left, 1_000), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The application asked for records: every partition with a valid position now counts for automatic commits.</summary>
    private void MarkPolled()
    {
        foreach (PartitionState state in _subscriptions.Partitions)
        {
            if (!state.Polled && state.State == PositionState.Valid)
            {
                state.Polled = true;
            }
        }
    }

    /// <summary>Waits until records arrive, the group needs attention, a partition fails, or the time passes.</summary>
    private async Task WaitForWorkAsync(long milliseconds, CancellationToken cancellationToken)
    {
        Task changed = _subscriptions.Changed.Next;
        ValueTask<bool> readable = _fetcher.Ready.WaitToReadAsync(cancellationToken);
        if (readable.IsCompleted || HasPartitionError())
        {
            return;
        }

        var waits = new List<Task>(4) { readable.AsTask(), changed };
        if (_group is not null)
        {
            waits.Add(_group.Signal.Next);
        }

        if (_joinTask is not null)
        {
            waits.Add(_joinTask);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        try
        {
            await Task.WhenAny(waits).WaitAsync(TimeSpan.FromMilliseconds(milliseconds), linked.Token).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            ThrowIfDisposed();
        }
    }

    /// <summary>The next decoded record, if one is ready without waiting.</summary>
    private bool TryNext(out ConsumeResult<TKey, TValue>? result)
    {
        while (true)
        {
            if (_batchIndex < _batch.Count)
            {
                PartitionState state = _batchState!;
                if (state.Version != _batchVersion || !state.Assigned)
                {
                    ClearBatch();
                    continue;
                }

                PendingRecord<TKey, TValue> pending = _batch[_batchIndex++];
                state.ConsumedPosition = pending.Offset + 1;
                state.Polled = true;
                if (pending.Error is not null)
                {
                    throw pending.Error;
                }

                state.LastConsumedEpoch = pending.Result!.LeaderEpoch;
                result = pending.Result;
                return true;
            }

            if (_batchState is { } finished && finished.Version == _batchVersion && finished.Assigned && finished.ConsumedPosition < _batchEnd)
            {
                finished.ConsumedPosition = _batchEnd; // past control records and compacted gaps at the batch's end
                finished.Polled = true;
            }

            ClearBatch();
            if (_current is not null)
            {
                if (_current.IsCurrent && LoadNextBatch(_current))
                {
                    continue;
                }

                _fetcher.Release(_current);
                _current = null;
                continue;
            }

            if (!_fetcher.Ready.TryRead(out _current))
            {
                result = null;
                return false;
            }
        }
    }

    /// <summary>Decodes the next batch of <paramref name="fetched"/> into the pending records; false at its end.</summary>
    private bool LoadNextBatch(FetchedPartition fetched)
    {
        PartitionState state = fetched.State;
        RecordBatch batch;
        long from = state.ConsumedPosition;
        try
        {
            if (!fetched.TryNextBatch(out batch))
            {
                return false;
            }

            _batchState = state;
            _batchVersion = fetched.Version;
            _batchEnd = batch.NextOffset;
            if (batch.NextOffset <= from || fetched.Aborted?.Skip(batch) == true || batch.IsControl)
            {
                return true;
            }

            _materializer.Materialize(state.TopicPartition, batch, from, _batch);
            return true;
        }
        catch (KafkaProtocolException e)
        {
            // Corrupt bytes: drop what was fetched and stop at this offset, as the Java client does; the application
            // sees the error and may seek past it.
            ClearBatch();
            var at = new TopicPartitionOffset(state.TopicPartition, from);
            var corrupt = new ConsumeException(ErrorCode.CorruptMessage, $"The records of {state.TopicPartition} at offset {from} are corrupt ({e.Message}); seek past them to go on.", at, null, null, e);
            lock (_subscriptions.Sync)
            {
                state.SetPosition(from);
                state.State = PositionState.Failed;
                state.Error = corrupt; // raised by every consume until the application seeks, as Java's poll()
            }

            _subscriptions.Publish();
            throw corrupt;
        }
    }

    private void ClearBatch()
    {
        _batch.Clear();
        _batchIndex = 0;
        _batchState = null;
    }

    private bool HasPartitionError()
    {
        foreach (PartitionState state in _subscriptions.Partitions)
        {
            if (state.Error is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Raises a partition's error (no position under <c>auto.offset.reset</c> none, corrupt records, authorization...).
    /// The error stays until the application seeks the partition or stops consuming it: as the Java client's
    /// <c>poll()</c>, every consume raises it again rather than skipping the partition silently.
    /// </summary>
    private void ThrowPartitionError()
    {
        lock (_subscriptions.Sync)
        {
            foreach (PartitionState state in _subscriptions.Partitions)
            {
                if (state.Error is { } error)
                {
                    throw error;
                }
            }
        }
    }
}
