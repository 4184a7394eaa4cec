using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// OffsetDelete (47): deletes committed offsets of partitions the group does not consume (KIP-496):
/// GROUP_SUBSCRIBED_TO_TOPIC for a topic an active member subscribes to, UNKNOWN_TOPIC_OR_PARTITION for partitions
/// that do not exist (KafkaApis.handleOffsetDeleteRequest).
/// </summary>
internal sealed class OffsetDeleteHandler : ApiHandler<OffsetDeleteRequest, OffsetDeleteResponse>
{
    public override ApiKey Api => ApiKey.OffsetDelete;

    public override ValueTask<OffsetDeleteResponse?> HandleAsync(RequestContext context, OffsetDeleteRequest delete, CancellationToken cancellationToken)
    {
        ErrorCode requestError = context.ForcedError != ErrorCode.None ? context.ForcedError
            : !context.Authorize(AclOperation.Delete, ResourceType.Group, delete.GroupId) ? ErrorCode.GroupAuthorizationFailed
            : delete.GroupId.Length == 0 ? ErrorCode.InvalidGroupId
            : !context.IsCoordinatorFor(delete.GroupId) ? ErrorCode.NotCoordinator
            : ErrorCode.None;
        if (requestError != ErrorCode.None)
        {
            return ValueTask.FromResult<OffsetDeleteResponse?>(new OffsetDeleteResponse { ErrorCode = (short)requestError });
        }

        var valid = new List<(string Topic, IReadOnlyList<int> Partitions)>();
        var unknown = new List<OffsetDeleteResponse.OffsetDeleteResponseTopic>();
        foreach (OffsetDeleteRequest.OffsetDeleteRequestTopic topic in delete.Topics)
        {
            var existing = new List<int>();
            var missing = new OffsetDeleteResponse.OffsetDeleteResponseTopic { Name = topic.Name };
            foreach (OffsetDeleteRequest.OffsetDeleteRequestPartition p in topic.Partitions)
            {
                bool readable = context.Authorize(AclOperation.Read, ResourceType.Topic, topic.Name);
                if (!readable || context.Cluster.FindPartition(topic.Name, p.PartitionIndex) is null)
                {
                    missing.Partitions.Add(new OffsetDeleteResponse.OffsetDeleteResponsePartition
                    {
                        PartitionIndex = p.PartitionIndex, ErrorCode = (short)(readable ? ErrorCode.UnknownTopicOrPartition : ErrorCode.TopicAuthorizationFailed),
                    });
                }
                else
                {
                    existing.Add(p.PartitionIndex);
                }
            }

            if (existing.Count > 0)
            {
                valid.Add((topic.Name, existing));
            }

            if (missing.Partitions.Count > 0)
            {
                unknown.Add(missing);
            }
        }

        (ErrorCode error, List<OffsetDeleteResponse.OffsetDeleteResponseTopic> topics) = context.Cluster.Groups.DeleteOffsets(delete.GroupId, valid);
        var response = new OffsetDeleteResponse { ErrorCode = (short)error };
        if (error == ErrorCode.None)
        {
            // Like Kafka's OffsetDeleteResponse.Builder.merge: one entry per topic, the unknown partitions added to it.
            foreach (OffsetDeleteResponse.OffsetDeleteResponseTopic missing in unknown)
            {
                OffsetDeleteResponse.OffsetDeleteResponseTopic? same = topics.Find(t => t.Name == missing.Name);
                if (same is null)
                {
                    topics.Add(missing);
                }
                else
                {
                    same.Partitions.AddRange(missing.Partitions);
                }
            }

            response.Topics = topics;
        }

        return ValueTask.FromResult<OffsetDeleteResponse?>(response);
    }
}
