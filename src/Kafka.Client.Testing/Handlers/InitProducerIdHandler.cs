using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// InitProducerId (22): a new producer id with epoch 0, or, when the producer sends its current id and epoch
/// (KIP-360), the same id with the next epoch so it can reset its sequences. With a transactional id, the
/// transaction coordinator answers (<see cref="Transactions.TransactionCoordinator.InitProducerId"/>).
/// </summary>
internal sealed class InitProducerIdHandler : ApiHandler<InitProducerIdRequest, InitProducerIdResponse>
{
    public override ApiKey Api => ApiKey.InitProducerId;

    public override ValueTask<InitProducerIdResponse?> HandleAsync(RequestContext context, InitProducerIdRequest init, CancellationToken cancellationToken)
    {
        var response = new InitProducerIdResponse();
        if (context.ForcedError != ErrorCode.None)
        {
            response.ErrorCode = (short)context.ForcedError;
            return ValueTask.FromResult<InitProducerIdResponse?>(response);
        }

        if (string.IsNullOrEmpty(init.TransactionalId) && !context.AuthorizeCluster(AclOperation.IdempotentWrite) && !context.AuthorizeAny(AclOperation.Write, ResourceType.Topic))
        {
            // KIP-679: an idempotent producer needs WRITE on some topic (or IDEMPOTENT_WRITE on the cluster).
            response.ErrorCode = (short)ErrorCode.ClusterAuthorizationFailed;
            return ValueTask.FromResult<InitProducerIdResponse?>(response);
        }

        if (!string.IsNullOrEmpty(init.TransactionalId) && !context.Authorize(AclOperation.Write, ResourceType.TransactionalId, init.TransactionalId))
        {
            response.ErrorCode = (short)ErrorCode.TransactionalIdAuthorizationFailed;
            return ValueTask.FromResult<InitProducerIdResponse?>(response);
        }

        if (init.TransactionalId is { Length: > 0 } transactionalId)
        {
            if (!context.IsCoordinatorFor(transactionalId))
            {
                response.ErrorCode = (short)ErrorCode.NotCoordinator;
                return ValueTask.FromResult<InitProducerIdResponse?>(response);
            }

            (ErrorCode error, long producerId, short epoch) = context.Cluster.Transactions.InitProducerId(
                transactionalId, init.TransactionTimeoutMs, init.ProducerId, init.ProducerEpoch, context.Version);
            response.ErrorCode = (short)error;
            response.ProducerId = producerId;
            response.ProducerEpoch = epoch;
            return ValueTask.FromResult<InitProducerIdResponse?>(response);
        }

        if (init.ProducerId >= 0 && init.ProducerEpoch >= 0)
        {
            if (init.ProducerEpoch == short.MaxValue - 1)
            {
                response.ProducerId = context.Cluster.NextProducerId();
                response.ProducerEpoch = 0;
            }
            else
            {
                response.ProducerId = init.ProducerId;
                response.ProducerEpoch = (short)(init.ProducerEpoch + 1);
            }
        }
        else
        {
            response.ProducerId = context.Cluster.NextProducerId();
            response.ProducerEpoch = 0;
        }

        return ValueTask.FromResult<InitProducerIdResponse?>(response);
    }
}
