using System.Collections.Concurrent;
using Kafka.Client.Cluster;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Producing.Transactions;

/// <summary>
/// The transactional producer's side of KIP-98, as the Java client's <c>TransactionManager</c>: the coordinator of
/// the transactional id, the producer id and epoch it hands out (fencing older instances), the partitions and
/// offsets added to the open transaction, and its end. Retriable coordinator errors (NOT_COORDINATOR,
/// COORDINATOR_NOT_AVAILABLE, CONCURRENT_TRANSACTIONS) are retried until <c>max.block.ms</c>; fencing is fatal;
/// anything else that fails inside a transaction makes it abortable.
/// </summary>
internal sealed class TransactionManager(KafkaCluster cluster, IdempotenceManager idempotence, string transactionalId, int timeoutMs, TimeSpan maxBlock, Action resetSequences)
{
    private const sbyte TransactionKeyType = 1;
    private readonly Lock _sync = new();
    private readonly ConcurrentDictionary<TopicPartition, byte> _added = new();
    private BrokerMetadata? _coordinator;
    private KafkaTransactionException? _failure;
    private bool _ending;

    public string TransactionalId => transactionalId;

    public TransactionState State { get; private set; } = TransactionState.Uninitialized;

    /// <summary>
    /// The error that made the open transaction abortable, while it is so (else null): records not sent yet can only
    /// be aborted, so the sender fails them with it at once, as Java's Sender does (<c>abortUndrainedBatches</c> when
    /// the transaction manager <c>hasAbortableError()</c>), instead of holding them until delivery.timeout.ms.
    /// </summary>
    public KafkaTransactionException? AbortableFailure
    {
        get
        {
            lock (_sync)
            {
                return State == TransactionState.AbortableError ? _failure : null;
            }
        }
    }

    /// <summary>True when a transaction is open and records may be sent.</summary>
    public bool InTransaction => State == TransactionState.InTransaction || State == TransactionState.Committing;

    /// <summary>True when <paramref name="partition"/> is in the open transaction (AddPartitionsToTxn answered).</summary>
    public bool IsAdded(TopicPartition partition) => _added.ContainsKey(partition);

    /// <summary>InitProducerId with the transactional id: this instance's producer id and epoch; an open transaction of an older instance is aborted.</summary>
    public async Task InitAsync(CancellationToken cancellationToken)
    {
        Require(TransactionState.Uninitialized, "InitTransactionsAsync may be called once");
        InitProducerIdResponse response = await CallAsync("InitProducerId", c => new InitProducerIdRequest { TransactionalId = transactionalId, TransactionTimeoutMs = timeoutMs },
            r => r.ErrorCode, cancellationToken).ConfigureAwait(false);
        idempotence.Assign(response.ProducerId, response.ProducerEpoch);
        Move(TransactionState.Ready);
    }

    public void Begin()
    {
        Require(TransactionState.Ready, "BeginTransaction needs InitTransactionsAsync first, and no open transaction");
        _added.Clear();
        Move(TransactionState.InTransaction);
    }

    /// <summary>Adds partitions the sender has records for (AddPartitionsToTxn); a refusal makes the transaction abortable.</summary>
    public async Task AddPartitionsAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        var request = new AddPartitionsToTxnRequest
        {
            V3AndBelowTransactionalId = transactionalId,
            V3AndBelowProducerId = idempotence.ProducerId,
            V3AndBelowProducerEpoch = idempotence.Epoch,
            V3AndBelowTopics = [.. partitions.GroupBy(p => p.Topic).Select(g => new AddPartitionsToTxnRequest.AddPartitionsToTxnTopic { Name = g.Key, Partitions = [.. g.Select(p => p.Partition)] })],
        };
        AddPartitionsToTxnResponse response = await CallAsync("AddPartitionsToTxn", _ => request,
            r => r.ErrorCode != 0 ? r.ErrorCode : r.ResultsByTopicV3AndBelow.SelectMany(t => t.ResultsByPartition).Select(p => p.PartitionErrorCode).FirstOrDefault(e => e != 0 && e != (short)ErrorCode.OperationNotAttempted),
            cancellationToken).ConfigureAwait(false);
        _ = response;
        foreach (TopicPartition partition in partitions)
        {
            _added.TryAdd(partition, 0);
        }
    }

    /// <summary>The offsets of a consumer's group join the transaction: AddOffsetsToTxn, then TxnOffsetCommit to the group's coordinator.</summary>
    public async Task SendOffsetsAsync(IReadOnlyCollection<TopicPartitionOffset> offsets, ConsumerGroupMetadata group, CancellationToken cancellationToken)
    {
        Require(TransactionState.InTransaction, "SendOffsetsToTransactionAsync needs an open transaction (BeginTransaction)");
        try
        {
            await CallAsync("AddOffsetsToTxn", _ => new AddOffsetsToTxnRequest
            {
                TransactionalId = transactionalId, ProducerId = idempotence.ProducerId, ProducerEpoch = idempotence.Epoch, GroupId = group.GroupId,
            }, r => r.ErrorCode, cancellationToken).ConfigureAwait(false);
            _offsetsSent = true;
            BrokerMetadata groupCoordinator = await FindCoordinatorAsync(0, group.GroupId, cancellationToken).ConfigureAwait(false);
            await RetryAsync("TxnOffsetCommit", async token =>
            {
                KafkaConnection connection = await cluster.CoordinatorConnectionAsync(groupCoordinator.NodeId, groupCoordinator.Host, groupCoordinator.Port, token).ConfigureAwait(false);
                TxnOffsetCommitResponse response = await connection.SendAsync(new TxnOffsetCommitRequest
                {
                    TransactionalId = transactionalId, GroupId = group.GroupId, ProducerId = idempotence.ProducerId, ProducerEpoch = idempotence.Epoch,
                    GenerationId = group.GenerationId, MemberId = group.MemberId, GroupInstanceId = group.GroupInstanceId,
                    Topics = [.. offsets.GroupBy(o => o.Topic).Select(g => new TxnOffsetCommitRequest.TxnOffsetCommitRequestTopic
                    {
                        Name = g.Key,
                        Partitions = [.. g.Select(o => new TxnOffsetCommitRequest.TxnOffsetCommitRequestPartition
                        {
                            PartitionIndex = o.Partition, CommittedOffset = o.Offset, CommittedLeaderEpoch = -1, CommittedMetadata = "",
                        })],
                    })],
                }, token).ConfigureAwait(false);
                return response.Topics.SelectMany(t => t.Partitions).Select(p => p.ErrorCode).FirstOrDefault(e => e != 0);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (KafkaTransactionException e) when (!e.IsFatal)
        {
            Fail(e);
            throw;
        }
    }

    /// <summary>A record of the transaction could not be delivered: the transaction can only be aborted.</summary>
    public void RecordFailed(KafkaException error)
    {
        bool fatal = error.Error is ErrorCode.ProducerFenced or ErrorCode.InvalidProducerEpoch or ErrorCode.TransactionalIdAuthorizationFailed;
        Fail(new KafkaTransactionException(error.Error, $"A record of transaction '{transactionalId}' was not delivered: {error.Message}", requiresAbort: !fatal, isFatal: fatal, error));
    }

    /// <summary>
    /// EndTxn: commits (after every record was delivered) or aborts the open transaction. An end that timed out or was
    /// cancelled leaves the transaction committing (or aborting), and calling the same end again sends it again, as
    /// the Java client lets an application call <c>commitTransaction</c> again after a timeout.
    /// </summary>
    public async Task EndAsync(bool commit, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_failure is { IsFatal: true } fatal || (commit && _failure is not null))
            {
                throw _failure!;
            }

            if (_ending)
            {
                throw new InvalidOperationException($"The transaction of '{transactionalId}' is being {(State == TransactionState.Committing ? "committed" : "aborted")} already.");
            }

            // The same end again, after it timed out or was cancelled, keeps its state.
            TransactionState ending = commit ? TransactionState.Committing : TransactionState.Aborting;
            if (State != ending && !(!commit && State == TransactionState.AbortableError))
            {
                Require(TransactionState.InTransaction, commit ? "CommitTransactionAsync needs an open transaction" : "AbortTransactionAsync needs an open transaction");
            }

            State = ending;
            _ending = true;
        }

        try
        {
            if (!_added.IsEmpty || _offsetsSent)
            {
                await CallAsync("EndTxn", _ => new EndTxnRequest { TransactionalId = transactionalId, ProducerId = idempotence.ProducerId, ProducerEpoch = idempotence.Epoch, Committed = commit },
                    r => r.ErrorCode, cancellationToken).ConfigureAwait(false);
            }

            // Else nothing was added: the coordinator has no transaction to end and would answer INVALID_TXN_STATE
            // (the Java client sends no EndTxn then either).
            if (!commit && idempotence.BumpRequested)
            {
                // KIP-360: a record that failed left a sequence gap; the next transaction starts a new epoch with
                // sequences from 0 (the Java client bumps the epoch after such an abort).
                InitProducerIdResponse bumped = await CallAsync("InitProducerId", _ => new InitProducerIdRequest
                {
                    TransactionalId = transactionalId, TransactionTimeoutMs = timeoutMs, ProducerId = idempotence.ProducerId, ProducerEpoch = idempotence.Epoch,
                }, r => r.ErrorCode, cancellationToken).ConfigureAwait(false);
                idempotence.Assign(bumped.ProducerId, bumped.ProducerEpoch);
                resetSequences();
            }

            Finish();
        }
        catch (KafkaTransactionException e) when (!e.IsFatal)
        {
            Fail(e);
            throw;
        }
        finally
        {
            lock (_sync)
            {
                _ending = false;
            }
        }
    }

    private bool _offsetsSent;

    private void Finish()
    {
        lock (_sync)
        {
            _added.Clear();
            _failure = null;
            _offsetsSent = false;
            State = TransactionState.Ready;
        }
    }

    private void Fail(KafkaTransactionException error)
    {
        lock (_sync)
        {
            if (State == TransactionState.FatalError)
            {
                return;
            }

            _failure = error;
            State = error.IsFatal ? TransactionState.FatalError : TransactionState.AbortableError;
        }
    }

    private void Require(TransactionState expected, string what)
    {
        lock (_sync)
        {
            if (_failure is { IsFatal: true } fatal)
            {
                throw fatal;
            }

            if (State != expected)
            {
                throw new InvalidOperationException($"{what} (the producer is {State}).");
            }
        }
    }

    private void Move(TransactionState state)
    {
        lock (_sync)
        {
            State = state;
        }
    }

    /// <summary>Sends a request to the transaction coordinator, retrying what a coordinator change or a concurrent end explains.</summary>
    private async Task<TResponse> CallAsync<TResponse>(string api, Func<KafkaConnection, IKafkaRequest<TResponse>> build, Func<TResponse, short> errorOf, CancellationToken cancellationToken)
        where TResponse : IKafkaResponse
    {
        TResponse? answer = default;
        await RetryAsync(api, async token =>
        {
            BrokerMetadata coordinator = _coordinator ??= await FindCoordinatorAsync(TransactionKeyType, transactionalId, token).ConfigureAwait(false);
            KafkaConnection connection = await cluster.CoordinatorConnectionAsync(coordinator.NodeId, coordinator.Host, coordinator.Port, token).ConfigureAwait(false);
            answer = await connection.SendAsync(build(connection), token).ConfigureAwait(false);
            short error = errorOf(answer);
            if (error is (short)ErrorCode.NotCoordinator or (short)ErrorCode.CoordinatorNotAvailable)
            {
                _coordinator = null;
            }

            return error;
        }, cancellationToken).ConfigureAwait(false);
        return answer!;
    }

    private async Task<BrokerMetadata> FindCoordinatorAsync(sbyte keyType, string key, CancellationToken cancellationToken)
    {
        KafkaConnection connection = await cluster.AnyConnectionAsync(cancellationToken).ConfigureAwait(false);
        var request = connection.VersionFor(ApiKey.FindCoordinator) >= FindCoordinatorVersions.BatchedKeys
            ? new FindCoordinatorRequest { KeyType = keyType, CoordinatorKeys = [key] }
            : new FindCoordinatorRequest { KeyType = keyType, Key = key };
        FindCoordinatorResponse response = await connection.SendAsync(request, cancellationToken).ConfigureAwait(false);
        FindCoordinatorResponse.Coordinator? batched = response.Coordinators.Count > 0 ? response.Coordinators[0] : null;
        var error = (ErrorCode)(batched?.ErrorCode ?? response.ErrorCode);
        if (error != ErrorCode.None)
        {
            throw Classify(error, $"Finding the coordinator of '{key}' failed: {error}.");
        }

        return batched is null ? new BrokerMetadata(response.NodeId, response.Host, response.Port, null) : new BrokerMetadata(batched.NodeId, batched.Host, batched.Port, null);
    }

    /// <summary>Runs an attempt until it answers no error, retrying retriable ones with backoff until max.block.ms.</summary>
    private async Task RetryAsync(string api, Func<CancellationToken, Task<short>> attempt, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(maxBlock);
        var backoff = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            KafkaException? retriable;
            try
            {
                var error = (ErrorCode)await attempt(deadline.Token).ConfigureAwait(false);
                if (error == ErrorCode.None)
                {
                    return;
                }

                KafkaException classified = Classify(error, $"{api} for transactional id '{transactionalId}' failed: {error}: {error.Describe()}");
                if (classified is KafkaTransactionException)
                {
                    throw classified;
                }

                retriable = classified;
            }
            catch (KafkaException e) when (e is not KafkaTransactionException && e.IsRetriable)
            {
                retriable = e;
                _coordinator = null;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new KafkaException(ErrorCode.RequestTimedOut, $"{api} for transactional id '{transactionalId}' did not complete within max.block.ms ({maxBlock.TotalMilliseconds:F0} ms).");
            }

            try
            {
                await Task.Delay(backoff, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new KafkaException(retriable.Error, $"{api} for transactional id '{transactionalId}' did not complete within max.block.ms ({maxBlock.TotalMilliseconds:F0} ms): {retriable.Message}", innerException: retriable);
            }

            backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 1000));
        }
    }

    /// <summary>Retriable coordinator errors stay KafkaException; fencing and refusals are fatal; the rest abortable.</summary>
    private KafkaException Classify(ErrorCode error, string message) => error switch
    {
        ErrorCode.NotCoordinator or ErrorCode.CoordinatorNotAvailable or ErrorCode.CoordinatorLoadInProgress or ErrorCode.ConcurrentTransactions
            or ErrorCode.UnknownTopicOrPartition or ErrorCode.RequestTimedOut or ErrorCode.NetworkException => new KafkaException(error, message),
        ErrorCode.ProducerFenced or ErrorCode.InvalidProducerEpoch or ErrorCode.TransactionalIdAuthorizationFailed or ErrorCode.InvalidProducerIdMapping
            or ErrorCode.InvalidTxnState or ErrorCode.UnsupportedVersion or ErrorCode.InvalidTransactionTimeout or ErrorCode.ClusterAuthorizationFailed
            => Fatal(error, message),
        _ => new KafkaTransactionException(error, message, requiresAbort: true, isFatal: false),
    };

    private KafkaTransactionException Fatal(ErrorCode error, string message)
    {
        string why = error is ErrorCode.ProducerFenced or ErrorCode.InvalidProducerEpoch
            ? $"{message} Another producer with transactional.id '{transactionalId}' took over; this one must be disposed."
            : message;
        var fatal = new KafkaTransactionException(error, why, requiresAbort: false, isFatal: true);
        Fail(fatal);
        return fatal;
    }
}
