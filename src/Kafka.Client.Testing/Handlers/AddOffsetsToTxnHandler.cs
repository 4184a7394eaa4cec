using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;

namespace Kafka.Client.Testing.Handlers;

/// <summary>AddOffsetsToTxn (25): the group's offsets (TxnOffsetCommit) join the producer's open transaction. READ on the group is required.</summary>
internal sealed class AddOffsetsToTxnHandler : ApiHandler<AddOffsetsToTxnRequest, AddOffsetsToTxnResponse>
{
    public override ApiKey Api => ApiKey.AddOffsetsToTxn;

    public override ValueTask<AddOffsetsToTxnResponse?> HandleAsync(RequestContext context, AddOffsetsToTxnRequest add, CancellationToken cancellationToken)
    {
        ErrorCode error = TransactionRequests.Refusal(context, add.TransactionalId);
        if (error == ErrorCode.None && !context.Authorize(AclOperation.Read, ResourceType.Group, add.GroupId))
        {
            error = ErrorCode.GroupAuthorizationFailed;
        }

        if (error == ErrorCode.None)
        {
            error = context.Cluster.Transactions.AddOffsets(add.TransactionalId, add.ProducerId, add.ProducerEpoch, add.GroupId, TransactionRequests.FencedError(context.Version, 2));
        }

        return ValueTask.FromResult<AddOffsetsToTxnResponse?>(new AddOffsetsToTxnResponse { ErrorCode = (short)error });
    }
}
