using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// AddPartitionsToTxn (24): the partitions join the producer's open transaction. Versions 0-3 are a producer's, one
/// transaction; from v4 (KIP-890) a broker sends a batch of transactions, each maybe VerifyOnly (CLUSTER_ACTION is
/// required). One unknown or unauthorized partition fails its transaction: it gets its error and the others
/// OPERATION_NOT_ATTEMPTED, as Kafka's <c>KafkaApis.handleAddPartitionsToTxnRequest</c>.
/// </summary>
internal sealed class AddPartitionsToTxnHandler : ApiHandler<AddPartitionsToTxnRequest, AddPartitionsToTxnResponse>
{
    private const short BatchedFrom = 4;

    public override ApiKey Api => ApiKey.AddPartitionsToTxn;

    public override ValueTask<AddPartitionsToTxnResponse?> HandleAsync(RequestContext context, AddPartitionsToTxnRequest add, CancellationToken cancellationToken)
    {
        var response = new AddPartitionsToTxnResponse();
        if (context.Version < BatchedFrom)
        {
            response.ResultsByTopicV3AndBelow = Add(context, add.V3AndBelowTransactionalId, add.V3AndBelowProducerId, add.V3AndBelowProducerEpoch, false, add.V3AndBelowTopics);
            return ValueTask.FromResult<AddPartitionsToTxnResponse?>(response);
        }

        if (!context.AuthorizeCluster(AclOperation.ClusterAction))
        {
            response.ErrorCode = (short)ErrorCode.ClusterAuthorizationFailed;
            return ValueTask.FromResult<AddPartitionsToTxnResponse?>(response);
        }

        foreach (AddPartitionsToTxnRequest.AddPartitionsToTxnTransaction transaction in add.Transactions)
        {
            response.ResultsByTransaction.Add(new AddPartitionsToTxnResponse.AddPartitionsToTxnResult
            {
                TransactionalId = transaction.TransactionalId,
                TopicResults = Add(context, transaction.TransactionalId, transaction.ProducerId, transaction.ProducerEpoch, transaction.VerifyOnly, transaction.Topics),
            });
        }

        return ValueTask.FromResult<AddPartitionsToTxnResponse?>(response);
    }

    private static List<AddPartitionsToTxnResponse.AddPartitionsToTxnTopicResult> Add(
        RequestContext context, string transactionalId, long producerId, short epoch, bool verifyOnly, List<AddPartitionsToTxnRequest.AddPartitionsToTxnTopic> topics)
    {
        var partitions = topics.SelectMany(t => t.Partitions.Select(p => (t.Name, p))).ToList();
        var errors = new Dictionary<(string, int), ErrorCode>();
        foreach ((string topic, int partition) in partitions)
        {
            errors[(topic, partition)] = !context.Authorize(AclOperation.Write, ResourceType.Topic, topic) ? ErrorCode.TopicAuthorizationFailed
                : context.Cluster.FindPartition(topic, partition) is null ? ErrorCode.UnknownTopicOrPartition
                : ErrorCode.None;
        }

        ErrorCode error = TransactionRequests.Refusal(context, transactionalId);
        if (error == ErrorCode.None && errors.Values.Any(e => e != ErrorCode.None))
        {
            foreach (var key in errors.Keys.ToList())
            {
                errors[key] = errors[key] == ErrorCode.None ? ErrorCode.OperationNotAttempted : errors[key];
            }
        }
        else
        {
            if (error == ErrorCode.None)
            {
                error = verifyOnly
                    ? context.Cluster.Transactions.VerifyPartitions(transactionalId, producerId, epoch, partitions)
                    : context.Cluster.Transactions.AddPartitions(transactionalId, producerId, epoch, partitions, TransactionRequests.FencedError(context.Version, 2));
            }

            foreach (var key in errors.Keys.ToList())
            {
                errors[key] = error;
            }
        }

        return [.. topics.Select(topic => new AddPartitionsToTxnResponse.AddPartitionsToTxnTopicResult
        {
            Name = topic.Name,
            ResultsByPartition = [.. topic.Partitions.Select(p => new AddPartitionsToTxnResponse.AddPartitionsToTxnPartitionResult
            {
                PartitionIndex = p,
                PartitionErrorCode = (short)errors[(topic.Name, p)],
            })],
        })];
    }
}
