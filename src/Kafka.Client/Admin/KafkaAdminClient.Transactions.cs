using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client;

/// <summary>Transactions as the admin sees them (KIP-664): listing, describing, and the producers of partitions.</summary>
public sealed partial class KafkaAdminClient
{
    /// <summary>Lists the transactional ids of the cluster (ListTransactions, asked of every broker).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The transactional ids, sorted.</returns>
    /// <exception cref="KafkaException">A broker refused, or no broker answered within <see cref="AdminClientOptions.DefaultApiTimeoutMs"/>.</exception>
    public async Task<IReadOnlyList<TransactionListing>> ListTransactionsAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        IReadOnlyList<int> brokers = await _calls.CallAsync("ListTransactions", _nodes.BrokerIdsAsync, cancellationToken).ConfigureAwait(false);
        var found = new List<TransactionListing>();
        foreach (int broker in brokers)
        {
            ListTransactionsResponse response = await _calls.CallAsync("ListTransactions", async token =>
            {
                KafkaConnection connection = await _nodes.ConnectAsync(broker, token).ConfigureAwait(false);
                return await connection.SendAsync(new ListTransactionsRequest(), token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            if (ResponseError("ListTransactions", $"broker {broker}", response.ErrorCode, null) is { } error)
            {
                throw error;
            }

            found.AddRange(response.TransactionStates.Select(t => new TransactionListing(t.TransactionalId, t.ProducerId, t.TransactionState)));
        }

        return [.. found.DistinctBy(t => t.TransactionalId).OrderBy(t => t.TransactionalId, StringComparer.Ordinal)];
    }

    /// <summary>Describes transactional ids (DescribeTransactions, sent to each one's coordinator).</summary>
    /// <param name="transactionalIds">The transactional ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One description per id, in order.</returns>
    /// <exception cref="KafkaException">No broker answered within <see cref="AdminClientOptions.DefaultApiTimeoutMs"/>.</exception>
    public async Task<IReadOnlyList<TransactionDescription>> DescribeTransactionsAsync(IEnumerable<string> transactionalIds, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(transactionalIds);
        var descriptions = new List<TransactionDescription>();
        foreach (string id in transactionalIds)
        {
            descriptions.Add(await _calls.CallAsync("DescribeTransactions", async token =>
            {
                int coordinator = await _transactionCoordinators.FindAsync(id, token).ConfigureAwait(false);
                KafkaConnection connection = await _nodes.ConnectAsync(coordinator, token).ConfigureAwait(false);
                DescribeTransactionsResponse response = await connection.SendAsync(new DescribeTransactionsRequest { TransactionalIds = [id] }, token).ConfigureAwait(false);
                DescribeTransactionsResponse.TransactionStateData state = response.TransactionStates.Single();
                var error = (ErrorCode)state.ErrorCode;
                if (_transactionCoordinators.ForgetOn(id, error))
                {
                    throw new KafkaException(error, $"DescribeTransactions for {id}: {error}.");
                }

                return new TransactionDescription(id, state.TransactionState, state.ProducerId, state.ProducerEpoch, state.TransactionTimeoutMs, state.TransactionStartTimeMs,
                    [.. state.Topics.SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p)))],
                    ResponseError("DescribeTransactions", $"transactional id {id}", state.ErrorCode, null));
            }, cancellationToken).ConfigureAwait(false));
        }

        return descriptions;
    }

    /// <summary>The producers each partition's leader knows (DescribeProducers).</summary>
    /// <param name="partitions">The partitions.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The producers, per partition.</returns>
    /// <exception cref="KafkaException">A partition could not be described within <see cref="AdminClientOptions.DefaultApiTimeoutMs"/>.</exception>
    public async Task<IReadOnlyDictionary<TopicPartition, IReadOnlyList<ProducerStateDescription>>> DescribeProducersAsync(IEnumerable<TopicPartition> partitions, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(partitions);
        var result = new Dictionary<TopicPartition, IReadOnlyList<ProducerStateDescription>>();
        foreach (TopicPartition partition in partitions)
        {
            result[partition] = await _calls.CallAsync("DescribeProducers", async token =>
            {
                await _cluster.RefreshAsync([partition.Topic], token).ConfigureAwait(false);
                int leader = _cluster.TryGetTopic(partition.Topic)?.Partitions.FirstOrDefault(p => p.Partition == partition.Partition)?.Leader ?? -1;
                if (leader < 0)
                {
                    throw new KafkaException(ErrorCode.LeaderNotAvailable, $"DescribeProducers: {partition} has no leader.");
                }

                KafkaConnection connection = await _nodes.ConnectAsync(leader, token).ConfigureAwait(false);
                DescribeProducersResponse response = await connection.SendAsync(new DescribeProducersRequest
                {
                    Topics = [new DescribeProducersRequest.TopicRequest { Name = partition.Topic, PartitionIndexes = [partition.Partition] }],
                }, token).ConfigureAwait(false);
                DescribeProducersResponse.PartitionResponse answer = response.Topics.Single().Partitions.Single();
                if (ResponseError("DescribeProducers", partition.ToString(), answer.ErrorCode, answer.ErrorMessage) is { } error)
                {
                    throw error;
                }

                return (IReadOnlyList<ProducerStateDescription>)[.. answer.ActiveProducers.Select(p => new ProducerStateDescription(p.ProducerId, p.ProducerEpoch, p.LastSequence, p.CurrentTxnStartOffset))];
            }, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }
}
