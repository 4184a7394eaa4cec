using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.Groups;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// TxnOffsetCommit (28), sent to the group's coordinator: offsets held until the transaction ends. The producer's
/// transaction must be open and include the group (AddOffsetsToTxn); from v3 the member's generation is checked
/// (KIP-447), fencing a zombie of an older generation.
/// </summary>
internal sealed class TxnOffsetCommitHandler : ApiHandler<TxnOffsetCommitRequest, TxnOffsetCommitResponse>
{
    public override ApiKey Api => ApiKey.TxnOffsetCommit;

    public override ValueTask<TxnOffsetCommitResponse?> HandleAsync(RequestContext context, TxnOffsetCommitRequest commit, CancellationToken cancellationToken)
    {
        ErrorCode error = context.ForcedError != ErrorCode.None ? context.ForcedError
            : !context.Authorize(AclOperation.Write, ResourceType.TransactionalId, commit.TransactionalId) ? ErrorCode.TransactionalIdAuthorizationFailed
            : !context.Authorize(AclOperation.Read, ResourceType.Group, commit.GroupId) ? ErrorCode.GroupAuthorizationFailed
            : !context.IsCoordinatorFor(commit.GroupId) ? ErrorCode.NotCoordinator
            : context.Cluster.Transactions.CheckOffsetCommit(commit.TransactionalId, commit.ProducerId, commit.ProducerEpoch, commit.GroupId);
        var response = new TxnOffsetCommitResponse();
        var commits = new List<GroupCoordinator.PartitionCommit>();
        var results = new List<TxnOffsetCommitResponse.TxnOffsetCommitResponsePartition>();
        foreach (TxnOffsetCommitRequest.TxnOffsetCommitRequestTopic topic in commit.Topics)
        {
            var topicResult = new TxnOffsetCommitResponse.TxnOffsetCommitResponseTopic { Name = topic.Name };
            response.Topics.Add(topicResult);
            foreach (TxnOffsetCommitRequest.TxnOffsetCommitRequestPartition p in topic.Partitions)
            {
                var result = new TxnOffsetCommitResponse.TxnOffsetCommitResponsePartition { PartitionIndex = p.PartitionIndex, ErrorCode = (short)error };
                topicResult.Partitions.Add(result);
                if (error != ErrorCode.None)
                {
                    continue;
                }

                if (!context.Authorize(AclOperation.Read, ResourceType.Topic, topic.Name))
                {
                    result.ErrorCode = (short)ErrorCode.TopicAuthorizationFailed;
                }
                else if (context.Cluster.FindPartition(topic.Name, p.PartitionIndex) is null)
                {
                    result.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                }
                else
                {
                    commits.Add(new GroupCoordinator.PartitionCommit(topic.Name, p.PartitionIndex, p.CommittedOffset, p.CommittedLeaderEpoch, p.CommittedMetadata));
                    results.Add(result);
                }
            }
        }

        if (commits.Count > 0)
        {
            ErrorCode[] errors = context.Cluster.Groups.CommitTransactionalOffsets(
                commit.GroupId, commit.ProducerId, commit.MemberId, commit.GroupInstanceId, context.Version >= 3 ? commit.GenerationId : -1, commits);
            for (int i = 0; i < errors.Length; i++)
            {
                results[i].ErrorCode = (short)errors[i];
            }

            context.Cluster.Transactions.Persist();
        }

        return ValueTask.FromResult<TxnOffsetCommitResponse?>(response);
    }
}
