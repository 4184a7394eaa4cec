using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.State;
using Microsoft.Extensions.Logging;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// CreateTopics (19): validates names, partition counts, replication factors (more than the live brokers is
/// INVALID_REPLICATION_FACTOR), assignments and configs; one result per topic.
/// </summary>
internal sealed class CreateTopicsHandler : ApiHandler<CreateTopicsRequest, CreateTopicsResponse>
{
    public override ApiKey Api => ApiKey.CreateTopics;

    public override ValueTask<CreateTopicsResponse?> HandleAsync(RequestContext context, CreateTopicsRequest create, CancellationToken cancellationToken)
    {
        var response = new CreateTopicsResponse();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (CreateTopicsRequest.CreatableTopic topic in create.Topics)
        {
            var result = new CreateTopicsResponse.CreatableTopicResult { Name = topic.Name, ErrorMessage = null, Configs = null };
            response.Topics.Add(result);
            if (context.ForcedError != ErrorCode.None)
            {
                result.ErrorCode = (short)context.ForcedError;
                continue;
            }

            if (!seen.Add(topic.Name))
            {
                result.ErrorCode = (short)ErrorCode.InvalidRequest;
                result.ErrorMessage = $"Create topics request from client `{context.ClientId}` contains multiple entries for the following topics: {topic.Name}";
                continue;
            }

            if (!context.AuthorizeCluster(AclOperation.Create) && !context.Authorize(AclOperation.Create, ResourceType.Topic, topic.Name))
            {
                result.ErrorCode = (short)ErrorCode.TopicAuthorizationFailed;
                result.ErrorMessage = "Authorization failed.";
                continue;
            }

            List<int[]>? assignments = topic.Assignments.Count == 0
                ? null
                : [.. topic.Assignments.OrderBy(a => a.PartitionIndex).Select(a => a.BrokerIds.ToArray())];
            var configs = topic.Configs.ToDictionary(c => c.Name, c => c.Value, StringComparer.Ordinal);
            ErrorCode error = context.Cluster.CreateTopic(topic.Name, topic.NumPartitions, topic.ReplicationFactor, assignments, configs, create.ValidateOnly, out string? message);
            result.ErrorCode = (short)error;
            result.ErrorMessage = message;
            if (error != ErrorCode.None)
            {
                continue;
            }

            TopicState? created = context.Cluster.FindTopic(topic.Name);
            result.NumPartitions = created?.Partitions.Count ?? (topic.NumPartitions == -1 ? context.Cluster.Options.DefaultPartitions : topic.NumPartitions);
            result.ReplicationFactor = (short)(created?.Partitions[0].Replicas.Length ?? (topic.ReplicationFactor == -1 ? context.Cluster.Options.DefaultReplicationFactor : topic.ReplicationFactor));
            result.TopicId = created?.Id ?? KafkaUuid.Zero;
            if (created is not null)
            {
                LogMessages.TopicCreated(context.Broker.Logger, created.Name, created.Partitions.Count, result.ReplicationFactor);
                result.Configs = [.. ConfigDefinitions.Topic.Values.Select(d =>
                {
                    var (value, source) = created.Effective(d.Name);
                    return new CreateTopicsResponse.CreatableTopicConfigs { Name = d.Name, Value = value, ConfigSource = (sbyte)source, ReadOnly = d.ReadOnly };
                })];
            }
        }

        return ValueTask.FromResult<CreateTopicsResponse?>(response);
    }
}
