using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.Groups;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// OffsetCommit (8): stores committed offsets (offset, leader epoch, metadata, commit time) for a member of the
/// current generation or a simple consumer. Unknown topics or partitions get UNKNOWN_TOPIC_OR_PARTITION
/// (KafkaApis.handleOffsetCommitRequest).
/// </summary>
internal sealed class OffsetCommitHandler : ApiHandler<OffsetCommitRequest, OffsetCommitResponse>
{
    public override ApiKey Api => ApiKey.OffsetCommit;

    public override ValueTask<OffsetCommitResponse?> HandleAsync(RequestContext context, OffsetCommitRequest commit, CancellationToken cancellationToken)
    {
        var response = new OffsetCommitResponse();
        ErrorCode requestError = context.ForcedError != ErrorCode.None ? context.ForcedError
            : !context.Authorize(AclOperation.Read, ResourceType.Group, commit.GroupId) ? ErrorCode.GroupAuthorizationFailed
            : !context.IsCoordinatorFor(commit.GroupId) ? ErrorCode.NotCoordinator
            : ErrorCode.None;
        var commits = new List<GroupCoordinator.PartitionCommit>();
        var results = new List<OffsetCommitResponse.OffsetCommitResponsePartition>();
        foreach (OffsetCommitRequest.OffsetCommitRequestTopic topic in commit.Topics)
        {
            var topicResult = new OffsetCommitResponse.OffsetCommitResponseTopic { Name = topic.Name };
            response.Topics.Add(topicResult);
            foreach (OffsetCommitRequest.OffsetCommitRequestPartition p in topic.Partitions)
            {
                var result = new OffsetCommitResponse.OffsetCommitResponsePartition { PartitionIndex = p.PartitionIndex };
                topicResult.Partitions.Add(result);
                if (requestError != ErrorCode.None)
                {
                    result.ErrorCode = (short)requestError;
                }
                else if (!context.Authorize(AclOperation.Read, ResourceType.Topic, topic.Name))
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
            ErrorCode[] errors = context.Cluster.Groups.CommitOffsets(
                commit.GroupId, commit.MemberId, commit.GroupInstanceId, commit.GenerationIdOrMemberEpoch, context.Version, commits);
            for (int i = 0; i < errors.Length; i++)
            {
                results[i].ErrorCode = (short)errors[i];
            }
        }

        return ValueTask.FromResult<OffsetCommitResponse?>(response);
    }
}
