using System.Text.RegularExpressions;
using Kafka.Client.Consuming;

namespace Kafka.Client;

/// <summary>Subscribing, manual assignment, seeking and pausing.</summary>
public sealed partial class KafkaConsumer<TKey, TValue>
{
    /// <summary>The partitions assigned to this consumer now.</summary>
    public IReadOnlyList<TopicPartition> Assignment => [.. _subscriptions.Partitions.Select(p => p.TopicPartition)];

    /// <summary>The topics subscribed to (for a pattern: the topics it matched at the last metadata check).</summary>
    public IReadOnlyList<string> Subscription => [.. _subscriptions.Topics];

    /// <summary>Subscribes to topics; the group assigns their partitions on the next consume. Replaces any earlier subscription.</summary>
    /// <exception cref="InvalidOperationException">There is no <c>group.id</c>, or partitions were assigned manually.</exception>
    public void Subscribe(params IEnumerable<string> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ThrowIfDisposed();
        List<string> list = [.. topics];
        if (list.Count == 0 || list.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Subscribe needs at least one topic, and no empty names.", nameof(topics));
        }

        RequireGroup("Subscribe");
        _subscriptions.SubscribeTopics(list);
        _group!.RequestRejoin();
    }

    /// <summary>
    /// Subscribes to every topic whose name matches <paramref name="pattern"/> (internal topics excluded); topics
    /// created later are picked up at the next metadata check (<c>metadata.max.age.ms</c>) and cause a rebalance.
    /// </summary>
    /// <exception cref="InvalidOperationException">There is no <c>group.id</c>, or partitions were assigned manually.</exception>
    public void Subscribe(Regex pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ThrowIfDisposed();
        RequireGroup("Subscribe");
        _subscriptions.SubscribePattern(pattern);
        _nextPatternCheck = 0;
        _group!.RequestRejoin();
    }

    /// <summary>
    /// Ends the subscription or manual assignment. A group member commits consumed offsets (with
    /// <c>enable.auto.commit</c>), calls the revoked handler and leaves the group.
    /// </summary>
    public async Task UnsubscribeAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (_group is not null && _subscriptions.Kind is SubscriptionKind.Topics or SubscriptionKind.Pattern)
        {
            await GiveUpPartitionsAsync(lost: _group.PartitionsLost, cancellationToken).ConfigureAwait(false);
            await _group.LeaveAsync("the consumer unsubscribed", cancellationToken).ConfigureAwait(false);
            _group.Forget();
        }

        _subscriptions.Unsubscribe();
        ThrowHandlerError();
    }

    /// <summary>Consumes exactly these partitions, without group membership; each starts at its committed offset (with a <c>group.id</c>) or <c>auto.offset.reset</c>.</summary>
    /// <exception cref="InvalidOperationException">The consumer subscribes to topics.</exception>
    public void Assign(IEnumerable<TopicPartition> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Stored)));
    }

    /// <summary>Consumes exactly these partitions from the given offsets (or <see cref="Offset.Beginning"/>, <see cref="Offset.End"/>, <see cref="Offset.Stored"/>), without group membership.</summary>
    /// <exception cref="InvalidOperationException">The consumer subscribes to topics.</exception>
    public void Assign(IEnumerable<TopicPartitionOffset> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ThrowIfDisposed();
        _subscriptions.AssignManually(partitions);
    }

    /// <summary>Drops a manual assignment.</summary>
    public void Unassign()
    {
        ThrowIfDisposed();
        if (_subscriptions.Kind == SubscriptionKind.Manual)
        {
            _subscriptions.Unsubscribe();
        }
    }

    /// <summary>
    /// Moves where consumption of an assigned partition goes on: an offset, or <see cref="Offset.Beginning"/>,
    /// <see cref="Offset.End"/> or <see cref="Offset.Stored"/> (the committed offset). Records already fetched are dropped.
    /// </summary>
    /// <exception cref="InvalidOperationException">The partition is not assigned to this consumer.</exception>
    public void Seek(TopicPartitionOffset position)
    {
        ThrowIfDisposed();
        _subscriptions.Seek(position);
    }

    /// <summary>The consumer's group, generation and member, for <see cref="KafkaProducer{TKey, TValue}.SendOffsetsToTransactionAsync"/>.</summary>
    /// <exception cref="InvalidOperationException">The consumer has no <see cref="ConsumerOptions.GroupId"/>.</exception>
    public ConsumerGroupMetadata ConsumerGroupMetadata => _group is { } group
        ? new ConsumerGroupMetadata(group.Settings.GroupId, group.GenerationId, group.MemberId, group.Settings.GroupInstanceId)
        : throw new InvalidOperationException("The consumer has no group.id, so no group metadata for a transaction.");

    /// <summary>The offset of the next record the consumer will hand out for the partition; <see cref="Offset.Unset"/> while not known yet.</summary>
    /// <exception cref="InvalidOperationException">The partition is not assigned to this consumer.</exception>
    public long Position(TopicPartition partition)
    {
        PartitionState state = _subscriptions.Get(partition) ?? throw new InvalidOperationException($"{partition} is not assigned to this consumer.");
        return state.State == PositionState.Valid ? Volatile.Read(ref state.ConsumedPosition) : Offset.Unset;
    }

    /// <summary>Stops fetching the partitions (they stay assigned); records fetched but not handed out yet are fetched again after <see cref="Resume"/>.</summary>
    /// <exception cref="InvalidOperationException">A partition is not assigned to this consumer.</exception>
    public void Pause(params IEnumerable<TopicPartition> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        _subscriptions.SetPaused(partitions, paused: true);
    }

    /// <summary>Fetches paused partitions again, from where consumption stopped.</summary>
    /// <exception cref="InvalidOperationException">A partition is not assigned to this consumer.</exception>
    public void Resume(params IEnumerable<TopicPartition> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        _subscriptions.SetPaused(partitions, paused: false);
    }

    /// <summary>The partitions paused now.</summary>
    public IReadOnlyList<TopicPartition> Paused => [.. _subscriptions.Partitions.Where(p => p.Paused).Select(p => p.TopicPartition)];

    private void RequireGroup(string operation)
    {
        if (_group is null)
        {
            throw new InvalidOperationException($"{operation} needs a consumer group: set ConsumerOptions.GroupId (group.id), or use Assign() for partitions without a group.");
        }
    }
}
