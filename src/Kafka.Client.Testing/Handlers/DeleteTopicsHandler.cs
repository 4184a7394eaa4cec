using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.State;

namespace Kafka.Client.Testing.Handlers;

/// <summary>DeleteTopics (20): by name (all versions) or by topic id (v6+).</summary>
internal sealed class DeleteTopicsHandler : ApiHandler<DeleteTopicsRequest, DeleteTopicsResponse>
{
    public override ApiKey Api => ApiKey.DeleteTopics;

    public override ValueTask<DeleteTopicsResponse?> HandleAsync(RequestContext context, DeleteTopicsRequest delete, CancellationToken cancellationToken)
    {
        var response = new DeleteTopicsResponse();
        var wanted = new List<(string? Name, KafkaUuid Id)>();
        wanted.AddRange(delete.TopicNames.Select(n => ((string?)n, KafkaUuid.Zero)));
        wanted.AddRange(delete.Topics.Select(t => (t.Name, t.TopicId)));
        foreach (var (name, id) in wanted)
        {
            var result = new DeleteTopicsResponse.DeletableTopicResult { Name = name, TopicId = id };
            response.Responses.Add(result);
            if (context.ForcedError != ErrorCode.None)
            {
                result.ErrorCode = (short)context.ForcedError;
                continue;
            }

            string? topicName = name ?? context.Cluster.FindTopic(id)?.Name;
            if (topicName is null)
            {
                result.ErrorCode = (short)ErrorCode.UnknownTopicId;
                continue;
            }

            result.Name = topicName;
            if (!context.Authorize(AclOperation.Delete, ResourceType.Topic, topicName))
            {
                result.ErrorCode = (short)ErrorCode.TopicAuthorizationFailed;
                continue;
            }

            result.ErrorCode = (short)context.Cluster.DeleteTopic(topicName, out KafkaUuid deletedId);
            result.TopicId = deletedId;
        }

        return ValueTask.FromResult<DeleteTopicsResponse?>(response);
    }
}
