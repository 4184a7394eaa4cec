using Kafka.Client.Protocol;
using Kafka.Client.Testing.Broker;

namespace Kafka.Client.Testing.Handlers;

/// <summary>What the transactional APIs check first: the coordinator, and WRITE on the transactional id.</summary>
internal static class TransactionRequests
{
    /// <summary>An injected error, NOT_COORDINATOR, or TRANSACTIONAL_ID_AUTHORIZATION_FAILED; None when the request may go on.</summary>
    public static ErrorCode Refusal(RequestContext context, string transactionalId) =>
        context.ForcedError != ErrorCode.None ? context.ForcedError
        : !context.Authorize(AclOperation.Write, ResourceType.TransactionalId, transactionalId) ? ErrorCode.TransactionalIdAuthorizationFailed
        : !context.IsCoordinatorFor(transactionalId) ? ErrorCode.NotCoordinator
        : ErrorCode.None;

    /// <summary>The error of an old epoch: PRODUCER_FENCED from the version that knows it, INVALID_PRODUCER_EPOCH before.</summary>
    public static short FencedError(short version, short producerFencedFrom) =>
        (short)(version >= producerFencedFrom ? ErrorCode.ProducerFenced : ErrorCode.InvalidProducerEpoch);
}
