using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// EndTxn (26): commits or aborts the producer's transaction; the markers are in every partition and the offsets
/// committed (or dropped) before the answer. From v5 (KIP-890 part 2) every end bumps the epoch, the markers carry the
/// new one, and the answer gives it.
/// </summary>
internal sealed class EndTxnHandler : ApiHandler<EndTxnRequest, EndTxnResponse>
{
    public override ApiKey Api => ApiKey.EndTxn;

    public override ValueTask<EndTxnResponse?> HandleAsync(RequestContext context, EndTxnRequest end, CancellationToken cancellationToken)
    {
        ErrorCode error = TransactionRequests.Refusal(context, end.TransactionalId);
        (long producerId, short epoch) = (-1, -1);
        if (error == ErrorCode.None)
        {
            (error, producerId, epoch) = context.Cluster.Transactions.End(end.TransactionalId, end.ProducerId, end.ProducerEpoch, end.Committed,
                TransactionRequests.FencedError(context.Version, 2), bumpEpoch: context.Version >= 5);
        }

        var response = new EndTxnResponse { ErrorCode = (short)error };
        if (context.Version >= 5)
        {
            response.ProducerId = producerId;
            response.ProducerEpoch = epoch;
        }

        return ValueTask.FromResult<EndTxnResponse?>(response);
    }
}
