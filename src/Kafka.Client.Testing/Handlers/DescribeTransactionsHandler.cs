using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.Transactions;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// DescribeTransactions (65, KIP-664): the state, timeout, start, producer id and epoch, and partitions of each
/// transactional id; TRANSACTIONAL_ID_NOT_FOUND for an unknown one; DESCRIBE on the transactional id is required.
/// </summary>
internal sealed class DescribeTransactionsHandler : ApiHandler<DescribeTransactionsRequest, DescribeTransactionsResponse>
{
    public override ApiKey Api => ApiKey.DescribeTransactions;

    public override ValueTask<DescribeTransactionsResponse?> HandleAsync(RequestContext context, DescribeTransactionsRequest describe, CancellationToken cancellationToken)
    {
        Dictionary<string, TransactionMetadata> known = context.Cluster.Transactions.Snapshot().ToDictionary(t => t.TransactionalId, StringComparer.Ordinal);
        var response = new DescribeTransactionsResponse();
        foreach (string id in describe.TransactionalIds)
        {
            var state = new DescribeTransactionsResponse.TransactionStateData { TransactionalId = id, TransactionState = "", ProducerId = -1, ProducerEpoch = -1, TransactionStartTimeMs = -1 };
            ErrorCode error = context.ForcedError != ErrorCode.None ? context.ForcedError
                : !context.Authorize(AclOperation.Describe, ResourceType.TransactionalId, id) ? ErrorCode.TransactionalIdAuthorizationFailed
                : !context.IsCoordinatorFor(id) ? ErrorCode.NotCoordinator
                : !known.ContainsKey(id) ? ErrorCode.TransactionalIdNotFound
                : ErrorCode.None;
            state.ErrorCode = (short)error;
            if (error == ErrorCode.None)
            {
                TransactionMetadata meta = known[id];
                state.TransactionState = meta.StateName;
                state.TransactionTimeoutMs = meta.TimeoutMs;
                state.TransactionStartTimeMs = meta.StartedAtMs;
                state.ProducerId = meta.ProducerId;
                state.ProducerEpoch = meta.ProducerEpoch;
                state.Topics = [.. meta.Partitions.GroupBy(p => p.Topic).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new DescribeTransactionsResponse.TopicData { Topic = g.Key, Partitions = [.. g.Select(p => p.Partition).Order()] })];
            }

            response.TransactionStates.Add(state);
        }

        return ValueTask.FromResult<DescribeTransactionsResponse?>(response);
    }
}
