using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.Transactions;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// ListTransactions (66, KIP-664): the transactional ids this broker coordinates, filtered by state, producer id and
/// (v1, KIP-994) by how long they have been open; unknown state names are answered back; only ids the principal may
/// describe are listed.
/// </summary>
internal sealed class ListTransactionsHandler : ApiHandler<ListTransactionsRequest, ListTransactionsResponse>
{
    private static readonly string[] States = ["Empty", "Ongoing", "PrepareCommit", "PrepareAbort", "CompleteCommit", "CompleteAbort"];

    public override ApiKey Api => ApiKey.ListTransactions;

    public override ValueTask<ListTransactionsResponse?> HandleAsync(RequestContext context, ListTransactionsRequest list, CancellationToken cancellationToken)
    {
        var response = new ListTransactionsResponse { ErrorCode = context.Error(ErrorCode.None) };
        response.UnknownStateFilters = [.. list.StateFilters.Where(s => !States.Contains(s))];
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (TransactionMetadata meta in context.Cluster.Transactions.Snapshot().OrderBy(t => t.TransactionalId, StringComparer.Ordinal))
        {
            bool wanted = context.IsCoordinatorFor(meta.TransactionalId)
                && (list.StateFilters.Count == 0 || list.StateFilters.Contains(meta.StateName))
                && (list.ProducerIdFilters.Count == 0 || list.ProducerIdFilters.Contains(meta.ProducerId))
                && (list.DurationFilter < 0 || (meta.StartedAtMs >= 0 && now - meta.StartedAtMs >= list.DurationFilter))
                && context.Authorize(AclOperation.Describe, ResourceType.TransactionalId, meta.TransactionalId);
            if (wanted)
            {
                response.TransactionStates.Add(new ListTransactionsResponse.TransactionStateData
                {
                    TransactionalId = meta.TransactionalId, ProducerId = meta.ProducerId, TransactionState = meta.StateName,
                });
            }
        }

        return ValueTask.FromResult<ListTransactionsResponse?>(response);
    }
}
