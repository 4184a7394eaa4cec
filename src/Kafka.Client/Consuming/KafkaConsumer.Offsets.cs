using Kafka.Client.Consuming;
using Kafka.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Kafka.Client;

/// <summary>Commits, committed offsets, watermarks and offsets by time.</summary>
public sealed partial class KafkaConsumer<TKey, TValue>
{
    private long _nextAutoCommit;
    private Task? _autoCommit;

    /// <summary>
    /// Commits, for every assigned partition, the offset after the last record handed out (what the group resumes
    /// from), and waits for the coordinator's answer.
    /// </summary>
    /// <exception cref="InvalidOperationException">There is no <c>group.id</c>.</exception>
    /// <exception cref="CommitFailedException">The group rebalanced since this consumer joined.</exception>
    /// <exception cref="KafkaException">The commit failed otherwise.</exception>
    public Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        RequireGroup("CommitAsync");
        return CommitConsumedAsync(null, automatic: false, cancellationToken);
    }

    /// <summary>Commits these offsets (each the next offset to consume, as in Kafka) with no metadata.</summary>
    /// <exception cref="InvalidOperationException">There is no <c>group.id</c>.</exception>
    /// <exception cref="CommitFailedException">The group rebalanced since this consumer joined.</exception>
    public Task CommitAsync(IEnumerable<TopicPartitionOffset> offsets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        return CommitAsync(offsets.ToDictionary(o => o.TopicPartition, o => new OffsetAndMetadata(o.Offset)), cancellationToken);
    }

    /// <summary>Commits these offsets with their metadata strings.</summary>
    /// <exception cref="InvalidOperationException">There is no <c>group.id</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An offset is negative.</exception>
    /// <exception cref="CommitFailedException">The group rebalanced since this consumer joined.</exception>
    public async Task CommitAsync(IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> offsets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ThrowIfDisposed();
        RequireGroup("CommitAsync");
        foreach (var (tp, offset) in offsets)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(offset.Offset, $"offsets[{tp}]");
        }

        await CommitWithTimeoutAsync(offsets, cancellationToken).ConfigureAwait(false);
        foreach (var (tp, offset) in offsets)
        {
            if (_subscriptions.Get(tp) is { } state)
            {
                state.CommittedPosition = offset.Offset;
            }
        }
    }

    /// <summary>The committed offsets of the partitions (<see cref="Offset.Unset"/> where none).</summary>
    /// <exception cref="InvalidOperationException">There is no <c>group.id</c>.</exception>
    public async Task<IReadOnlyDictionary<TopicPartition, OffsetAndMetadata>> CommittedAsync(IEnumerable<TopicPartition> partitions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ThrowIfDisposed();
        RequireGroup("CommittedAsync");
        using var timeout = ApiTimeout(cancellationToken);
        return await _group!.FetchCommittedAsync([.. partitions], timeout.Token).ConfigureAwait(false);
    }

    /// <summary>The log start offset and high watermark last seen in a fetch response for the partition, without asking the broker.</summary>
    public WatermarkOffsets GetWatermarkOffsets(TopicPartition partition) =>
        _subscriptions.Get(partition) is { } state ? new WatermarkOffsets(state.LogStartOffset, state.HighWatermark) : new WatermarkOffsets(Offset.Unset, Offset.Unset);

    /// <summary>Asks the partition's leader for its earliest offset and high watermark.</summary>
    public async Task<WatermarkOffsets> QueryWatermarkOffsetsAsync(TopicPartition partition, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        using var timeout = ApiTimeout(cancellationToken);
        var low = await _watermarkLookup.ListAsync(new Dictionary<TopicPartition, long> { [partition] = OffsetLookup.Earliest }, timeout.Token).ConfigureAwait(false);
        var high = await _watermarkLookup.ListAsync(new Dictionary<TopicPartition, long> { [partition] = OffsetLookup.Latest }, timeout.Token).ConfigureAwait(false);
        return new WatermarkOffsets(low[partition].Offset, high[partition].Offset);
    }

    /// <summary>
    /// For each partition, the earliest offset whose timestamp is at or after the given time;
    /// <see cref="Offset.End"/> when no message is that recent.
    /// </summary>
    public async Task<IReadOnlyList<TopicPartitionOffset>> OffsetsForTimesAsync(IReadOnlyDictionary<TopicPartition, DateTimeOffset> times, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(times);
        ThrowIfDisposed();
        using var timeout = ApiTimeout(cancellationToken);
        var found = await _watermarkLookup.ListAsync(times.ToDictionary(t => t.Key, t => t.Value.ToUnixTimeMilliseconds()), timeout.Token).ConfigureAwait(false);
        return [.. times.Keys.Select(tp => new TopicPartitionOffset(tp, found[tp].Offset < 0 ? Offset.End : found[tp].Offset))];
    }

    /// <summary>Commits consumed positions (of <paramref name="only"/>, or all assigned partitions) that moved since the last commit.</summary>
    private async Task CommitConsumedAsync(IReadOnlyCollection<TopicPartition>? only, bool automatic, CancellationToken cancellationToken)
    {
        Dictionary<TopicPartition, OffsetAndMetadata> offsets = ConsumedOffsets(only, automatic);
        if (_autoCommit is { IsCompleted: false } running)
        {
            await running.ConfigureAwait(false);
        }

        if (offsets.Count == 0)
        {
            return;
        }

        await CommitWithTimeoutAsync(offsets, cancellationToken).ConfigureAwait(false);
        MarkCommitted(offsets);
    }

    /// <summary>
    /// The positions to commit. An <paramref name="automatic"/> commit (interval, revocation, close) takes only partitions
    /// the application consumed from (<see cref="PartitionState.Polled"/>); an explicit one every valid position, as Java's commitSync().
    /// </summary>
    private Dictionary<TopicPartition, OffsetAndMetadata> ConsumedOffsets(IReadOnlyCollection<TopicPartition>? only, bool automatic)
    {
        var offsets = new Dictionary<TopicPartition, OffsetAndMetadata>();
        foreach (PartitionState state in _subscriptions.Partitions)
        {
            if (state.State == PositionState.Valid && (state.Polled || !automatic) && state.ConsumedPosition != state.CommittedPosition && (only is null || only.Contains(state.TopicPartition)))
            {
                offsets[state.TopicPartition] = new OffsetAndMetadata(state.ConsumedPosition, null, state.LastConsumedEpoch < 0 ? null : state.LastConsumedEpoch);
            }
        }

        return offsets;
    }

    private void MarkCommitted(Dictionary<TopicPartition, OffsetAndMetadata> offsets)
    {
        foreach (PartitionState state in _subscriptions.Partitions)
        {
            if (offsets.TryGetValue(state.TopicPartition, out OffsetAndMetadata committed))
            {
                state.CommittedPosition = committed.Offset;
            }
        }
    }

    private async Task CommitWithTimeoutAsync(IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> offsets, CancellationToken cancellationToken)
    {
        using var timeout = ApiTimeout(cancellationToken);
        await _group!.CommitAsync(offsets, requireGeneration: _subscriptions.Kind is SubscriptionKind.Topics or SubscriptionKind.Pattern, timeout.Token).ConfigureAwait(false);
    }

    /// <summary>With auto-commit: commits the consumed offsets of partitions about to be revoked; a failure is logged, not thrown.</summary>
    private async Task CommitOnRevokeAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        if (!_options.EnableAutoCommit)
        {
            return;
        }

        try
        {
            await CommitConsumedAsync(partitions, automatic: true, cancellationToken).ConfigureAwait(false);
        }
        catch (KafkaException e)
        {
            LogMessages.LogAutoCommitFailed(_logger, e.Message);
        }
    }

    /// <summary>Every <c>auto.commit.interval.ms</c>, commits consumed offsets in the background (one commit at a time).</summary>
    private void MaybeAutoCommit()
    {
        long now = Environment.TickCount64;
        if (now < _nextAutoCommit)
        {
            return;
        }

        _nextAutoCommit = now + Math.Max(1, _options.AutoCommitIntervalMs);
        if (!_options.EnableAutoCommit || _group is null || _group.RejoinNeeded || _autoCommit is { IsCompleted: false })
        {
            return;
        }

        Dictionary<TopicPartition, OffsetAndMetadata> offsets = ConsumedOffsets(null, automatic: true);
        if (offsets.Count > 0)
        {
            _autoCommit = AutoCommitAsync(offsets);
        }
    }

    private async Task AutoCommitAsync(Dictionary<TopicPartition, OffsetAndMetadata> offsets)
    {
        try
        {
            await CommitWithTimeoutAsync(offsets, _closing.Token).ConfigureAwait(false);
            MarkCommitted(offsets);
        }
        catch (Exception e) when (e is KafkaException or OperationCanceledException)
        {
            LogMessages.LogAutoCommitFailed(_logger, e.Message);
        }
    }

    private CancellationTokenSource ApiTimeout(CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Math.Max(1, _options.DefaultApiTimeoutMs));
        return timeout;
    }
}
