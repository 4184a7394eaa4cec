using Kafka.Client.Consuming;
using Kafka.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Kafka.Client;

/// <summary>Group membership as the consume loop drives it: joining, applying assignments, calling the handlers.</summary>
public sealed partial class KafkaConsumer<TKey, TValue>
{
    private Task<GroupAssignmentResult?>? _joinTask;
    private IReadOnlyDictionary<string, int>? _assignedFromCounts;
    private long _nextPatternCheck;
    private KafkaException? _handlerError;

    private bool NeedsGroupWork() => _group is not null && (_group.RejoinNeeded || _group.PartitionsLost || _joinTask is not null);

    private async Task RunGroupWorkAsync(CancellationToken cancellationToken)
    {
        if (_group is null || _subscriptions.Kind is not (SubscriptionKind.Topics or SubscriptionKind.Pattern))
        {
            return;
        }

        if (_group.Fatal is { } fatal)
        {
            throw fatal;
        }

        if (_joinTask is { IsCompletedSuccessfully: true, Result: null })
        {
            _joinTask = null; // superseded: the member was fenced while it waited for an assignment
        }

        await CheckMetadataAsync(cancellationToken).ConfigureAwait(false);
        if (_group.PartitionsLost && _joinTask is null)
        {
            await GiveUpPartitionsAsync(lost: true, cancellationToken).ConfigureAwait(false);
        }

        if (_group.RejoinNeeded && _joinTask is null)
        {
            if (_group.RevokesAllBeforeJoin)
            {
                await GiveUpPartitionsAsync(lost: false, cancellationToken).ConfigureAwait(false);
            }

            List<TopicPartition> owned = [.. _subscriptions.Partitions.Select(p => p.TopicPartition)];
            _joinTask = _group.JoinAndSyncAsync(_subscriptions.Topics, owned, _closing.Token);
        }

        if (_joinTask is { IsCompleted: true } done)
        {
            _joinTask = null;
            if (await done.ConfigureAwait(false) is { } result)
            {
                await ApplyAssignmentAsync(result, cancellationToken).ConfigureAwait(false);
            }
        }

        ThrowHandlerError();
    }

    /// <summary>
    /// Raises what a partitions handler threw, once the rebalance it ran in is complete: as the Java client's
    /// <c>poll()</c> ("User rebalance callback throws an error") and Confluent.Kafka's <c>Consume</c>.
    /// </summary>
    private void ThrowHandlerError()
    {
        if (_handlerError is { } error)
        {
            _handlerError = null;
            throw error;
        }
    }

    /// <summary>Pattern subscriptions pick up new topics; the leader notices partition counts that changed. Both rebalance.</summary>
    private async Task CheckMetadataAsync(CancellationToken cancellationToken)
    {
        long now = Environment.TickCount64;
        if (now < _nextPatternCheck)
        {
            return;
        }

        _nextPatternCheck = now + Math.Max(1_000, Math.Min(_options.MetadataMaxAgeMs, 30_000));
        if (_subscriptions.Pattern is { } pattern)
        {
            IReadOnlyList<Cluster.TopicMetadata> topics = await _cluster.FetchAllTopicsAsync(cancellationToken).ConfigureAwait(false);
            if (_subscriptions.SetPatternTopics(topics.Where(t => !t.IsInternal && pattern.IsMatch(t.Name)).Select(t => t.Name)))
            {
                LogMessages.LogPatternChanged(_logger, pattern.ToString(), string.Join(",", _subscriptions.Topics));
                _group!.RequestRejoin();
            }
        }

        if (_assignedFromCounts is { } counts)
        {
            foreach (string topic in _subscriptions.Topics)
            {
                int now_ = _cluster.TryGetTopic(topic) is { Error: Protocol.ErrorCode.None } t ? t.Partitions.Length : 0;
                if (now_ != counts.GetValueOrDefault(topic))
                {
                    _assignedFromCounts = null;
                    _group!.RequestRejoin();
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Gives up every owned partition before a rebalance: revoked (eager protocol, unsubscribe, close: consumed
    /// offsets committed first with auto-commit) or lost (the generation is gone: nothing committed).
    /// </summary>
    private async Task GiveUpPartitionsAsync(bool lost, CancellationToken cancellationToken)
    {
        List<TopicPartition> owned = [.. _subscriptions.Partitions.Select(p => p.TopicPartition)];
        if (owned.Count > 0)
        {
            if (lost)
            {
                await InvokeAsync(OnPartitionsLost ?? OnPartitionsRevoked, owned, "lost", cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await CommitOnRevokeAsync(owned, cancellationToken).ConfigureAwait(false);
                await InvokeAsync(OnPartitionsRevoked, owned, "revoked", cancellationToken).ConfigureAwait(false);
            }

            _subscriptions.SetAssignment([]);
            ClearBatch();
        }

        _group?.LostHandled();
    }

    private async Task ApplyAssignmentAsync(GroupAssignmentResult result, CancellationToken cancellationToken)
    {
        var assigned = new HashSet<TopicPartition>(result.Partitions);
        List<TopicPartition> owned = [.. _subscriptions.Partitions.Select(p => p.TopicPartition)];
        List<TopicPartition> revoked = [.. owned.Where(p => !assigned.Contains(p))];
        List<TopicPartition> added = [.. result.Partitions.Where(p => !owned.Contains(p))];
        try
        {
            try
            {
                if (revoked.Count > 0)
                {
                    await CommitOnRevokeAsync(revoked, cancellationToken).ConfigureAwait(false);
                    await InvokeAsync(OnPartitionsRevoked, revoked, "revoked", cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                // The assignment is applied even when the application cancels meanwhile: the join is over, and a
                // consumer that kept its old partitions would hold them until the next rebalance.
                _subscriptions.SetAssignment(assigned);
                _assignedFromCounts = result.PartitionCounts;
                LogMessages.LogAssigned(_logger, _options.GroupId!, result.GenerationId, string.Join(", ", added), string.Join(", ", revoked));
            }

            await InvokeAsync(OnPartitionsAssigned, added, "assigned", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Classic cooperative: a second rebalance gives the revoked partitions to their new owner (KIP-429).
            // Consumer protocol: the next heartbeat acknowledges the assignment, after the handlers as in Java.
            _group!.AssignmentApplied(result, revoked.Count > 0);
        }
    }

    private async Task InvokeAsync(PartitionsHandler? handler, List<TopicPartition> partitions, string what, CancellationToken cancellationToken)
    {
        if (handler is null)
        {
            return;
        }

        try
        {
            await handler(partitions, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The application's handler may throw anything; the rebalance goes on and the first error is raised after it, as in the Java client.
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogMessages.LogHandlerFailed(_logger, what, e);
            _handlerError ??= new KafkaException($"The partitions {what} handler threw {e.GetType().Name}: {e.Message}", e);
        }
    }

    private async Task CloseGroupAsync(CancellationToken cancellationToken)
    {
        if (_joinTask is not null)
        {
            _joinTask = null;
        }

        if (_subscriptions.Kind is SubscriptionKind.Topics or SubscriptionKind.Pattern)
        {
            // A fenced static member's partitions belong to the member that replaced it.
            await GiveUpPartitionsAsync(lost: _group!.PartitionsLost || _group.Fatal is not null, cancellationToken).ConfigureAwait(false);
            _handlerError = null; // logged; closing goes on
            if (_group.Fatal is null)
            {
                await _group.LeaveAsync("the consumer is being closed", cancellationToken).ConfigureAwait(false);
            }
        }
        else if (_options.EnableAutoCommit && _subscriptions.Kind == SubscriptionKind.Manual)
        {
            await CommitConsumedAsync(null, automatic: true, cancellationToken).ConfigureAwait(false);
        }
    }
}
