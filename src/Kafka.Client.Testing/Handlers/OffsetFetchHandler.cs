using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// OffsetFetch (9): committed offsets (-1 where none), of the given partitions or, when topics is null (v2+), of
/// every partition the group committed. One group up to v7, several from v8; from v9 a consumer-protocol member's id and epoch are checked. RequireStable (v7+) changes nothing
/// here: without transactions there are no pending offset commits to wait for.
/// </summary>
internal sealed class OffsetFetchHandler : ApiHandler<OffsetFetchRequest, OffsetFetchResponse>
{
    public override ApiKey Api => ApiKey.OffsetFetch;

    public override ValueTask<OffsetFetchResponse?> HandleAsync(RequestContext context, OffsetFetchRequest fetch, CancellationToken cancellationToken)
    {
        var response = new OffsetFetchResponse();
        if (context.Version >= OffsetFetchVersions.Groups)
        {
            foreach (OffsetFetchRequest.OffsetFetchRequestGroup group in fetch.Groups)
            {
                // v9: a consumer-protocol member names itself and its epoch (ConsumerGroup.validateOffsetFetch).
                ErrorCode memberError = context.Version >= OffsetFetchVersions.MemberEpoch && context.ForcedError == ErrorCode.None
                    && context.IsCoordinatorFor(group.GroupId) && context.Authorize(AclOperation.Describe, ResourceType.Group, group.GroupId)
                    ? context.Cluster.Groups.ValidateOffsetFetch(group.GroupId, group.MemberId, group.MemberEpoch)
                    : ErrorCode.None;
                response.Groups.Add(memberError != ErrorCode.None
                    ? new OffsetFetchResponse.OffsetFetchResponseGroup { GroupId = group.GroupId, ErrorCode = (short)memberError }
                    : FetchGroup(context, group.GroupId, group.Topics?.Select(t => (t.Name, (IReadOnlyList<int>)t.PartitionIndexes)).ToList(), fetch.RequireStable));
            }

            return ValueTask.FromResult<OffsetFetchResponse?>(response);
        }

        OffsetFetchResponse.OffsetFetchResponseGroup result =
            FetchGroup(context, fetch.GroupId, fetch.Topics?.Select(t => (t.Name, (IReadOnlyList<int>)t.PartitionIndexes)).ToList(), fetch.RequireStable);
        if (context.Version >= OffsetFetchVersions.AllTopics)
        {
            response.ErrorCode = result.ErrorCode;
        }
        else if (result.ErrorCode != 0)
        {
            // Before v2 there is no top-level error: it goes on every partition (OffsetFetchResponse).
            foreach (OffsetFetchRequest.OffsetFetchRequestTopic topic in fetch.Topics ?? [])
            {
                result.Topics.Add(new OffsetFetchResponse.OffsetFetchResponseTopics
                {
                    Name = topic.Name,
                    Partitions = [.. topic.PartitionIndexes.Select(p => new OffsetFetchResponse.OffsetFetchResponsePartitions
                    {
                        PartitionIndex = p, CommittedOffset = -1, Metadata = "", ErrorCode = result.ErrorCode,
                    })],
                });
            }
        }

        foreach (OffsetFetchResponse.OffsetFetchResponseTopics topic in result.Topics)
        {
            response.Topics.Add(new OffsetFetchResponse.OffsetFetchResponseTopic
            {
                Name = topic.Name,
                Partitions = [.. topic.Partitions.Select(p => new OffsetFetchResponse.OffsetFetchResponsePartition
                {
                    PartitionIndex = p.PartitionIndex,
                    CommittedOffset = p.CommittedOffset,
                    CommittedLeaderEpoch = context.Version >= OffsetFetchVersions.LeaderEpoch ? p.CommittedLeaderEpoch : -1,
                    Metadata = p.Metadata,
                    ErrorCode = p.ErrorCode,
                })],
            });
        }

        return ValueTask.FromResult<OffsetFetchResponse?>(response);
    }

    private static OffsetFetchResponse.OffsetFetchResponseGroup FetchGroup(RequestContext context, string groupId, IReadOnlyList<(string, IReadOnlyList<int>)>? topics, bool requireStable)
    {
        ErrorCode error = context.ForcedError != ErrorCode.None ? context.ForcedError
            : !context.Authorize(AclOperation.Describe, ResourceType.Group, groupId) ? ErrorCode.GroupAuthorizationFailed
            : !context.IsCoordinatorFor(groupId) ? ErrorCode.NotCoordinator
            : ErrorCode.None;
        if (error != ErrorCode.None)
        {
            return new OffsetFetchResponse.OffsetFetchResponseGroup { GroupId = groupId, ErrorCode = (short)error };
        }

        OffsetFetchResponse.OffsetFetchResponseGroup result = context.Cluster.Groups.FetchOffsets(groupId, topics);
        // Kafka: a topic the principal may not describe is left out of "all topics", and answers
        // TOPIC_AUTHORIZATION_FAILED on each partition asked for.
        result.Topics.RemoveAll(t => topics is null && !context.Authorize(AclOperation.Describe, ResourceType.Topic, t.Name));
        foreach (OffsetFetchResponse.OffsetFetchResponseTopics topic in result.Topics)
        {
            foreach (OffsetFetchResponse.OffsetFetchResponsePartitions partition in topic.Partitions)
            {
                // KIP-447: a consumer that asks for stable offsets waits (retriably) while a transaction holds one.
                if (requireStable && context.Cluster.Groups.HasPendingTransactionalOffset(groupId, topic.Name, partition.PartitionIndex))
                {
                    partition.ErrorCode = (short)ErrorCode.UnstableOffsetCommit;
                }
            }

            if (!context.Authorize(AclOperation.Describe, ResourceType.Topic, topic.Name))
            {
                foreach (OffsetFetchResponse.OffsetFetchResponsePartitions partition in topic.Partitions)
                {
                    partition.CommittedOffset = -1;
                    partition.Metadata = "";
                    partition.ErrorCode = (short)ErrorCode.TopicAuthorizationFailed;
                }
            }
        }

        return result;
    }
}
