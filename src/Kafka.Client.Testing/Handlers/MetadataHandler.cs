using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.Security;
using Kafka.Client.Testing.State;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// Metadata (3): live brokers, and for each topic its id, partitions, leaders, replicas and ISR. With ACLs, as Kafka's
/// <c>KafkaApis.handleTopicMetadataRequest</c>: "all topics" lists only those the principal may describe; a topic asked
/// for without DESCRIBE, or missing and auto-created without CREATE, answers TOPIC_AUTHORIZATION_FAILED.
/// </summary>
internal sealed class MetadataHandler : ApiHandler<MetadataRequest, MetadataResponse>
{
    // The operations of topics and of the cluster (Kafka's AclEntry.supportedOperations), for authorized_operations (KIP-430).
    private static readonly AclOperation[] TopicOperations =
    [
        AclOperation.Read, AclOperation.Write, AclOperation.Create, AclOperation.Delete, AclOperation.Alter,
        AclOperation.Describe, AclOperation.DescribeConfigs, AclOperation.AlterConfigs,
    ];

    private static readonly AclOperation[] ClusterOperations =
    [
        AclOperation.Create, AclOperation.ClusterAction, AclOperation.DescribeConfigs, AclOperation.AlterConfigs,
        AclOperation.IdempotentWrite, AclOperation.Alter, AclOperation.Describe,
    ];

    public override ApiKey Api => ApiKey.Metadata;

    public override ValueTask<MetadataResponse?> HandleAsync(RequestContext context, MetadataRequest metadata, CancellationToken cancellationToken)
    {
        ClusterState cluster = context.Cluster;
        var response = new MetadataResponse
        {
            ClusterId = cluster.ClusterId,
            ControllerId = cluster.ControllerId,
        };

        foreach (BrokerNode broker in cluster.Brokers)
        {
            if (broker.Alive)
            {
                response.Brokers.Add(new MetadataResponse.MetadataResponseBroker { NodeId = broker.Id, Host = broker.HostOf(context.Listener), Port = broker.PortOf(context.Listener) });
            }
        }

        if (metadata.IncludeClusterAuthorizedOperations)
        {
            response.ClusterAuthorizedOperations = context.AuthorizedOperations(ResourceType.Cluster, AclRule.ClusterName, ClusterOperations);
        }

        // v0 has no null: an empty list means "all topics" there, and "none" from v1 on.
        bool all = metadata.Topics is null || (context.Version == 0 && metadata.Topics.Count == 0);
        if (all)
        {
            foreach (TopicState topic in cluster.AllTopics())
            {
                if (context.Authorize(AclOperation.Describe, ResourceType.Topic, topic.Name))
                {
                    response.Topics.Add(Describe(context, metadata, topic, topic.Name));
                }
            }
        }
        else
        {
            bool autoCreate = context.Version < MetadataVersions.AllowAutoTopicCreation || metadata.AllowAutoTopicCreation;
            foreach (MetadataRequest.MetadataRequestTopic wanted in metadata.Topics!)
            {
                TopicState? byId = wanted.Name is null ? cluster.FindTopic(wanted.TopicId) : null;
                if (!context.Authorize(AclOperation.Describe, ResourceType.Topic, wanted.Name ?? byId?.Name ?? ""))
                {
                    response.Topics.Add(new MetadataResponse.MetadataResponseTopic { ErrorCode = (short)ErrorCode.TopicAuthorizationFailed, Name = wanted.Name, TopicId = wanted.TopicId });
                    continue;
                }

                bool mayCreate = wanted.Name is { } asked
                    && (context.AuthorizeCluster(AclOperation.Create) || context.Authorize(AclOperation.Create, ResourceType.Topic, asked));
                TopicState? topic = wanted.Name is { } name
                    ? cluster.GetOrAutoCreate(name, autoCreate && mayCreate)
                    : byId;
                if (topic is null && autoCreate && !mayCreate && cluster.Options.AutoCreateTopics && wanted.Name is { } refused && TopicNames.Validate(refused) is null)
                {
                    response.Topics.Add(new MetadataResponse.MetadataResponseTopic { ErrorCode = (short)ErrorCode.TopicAuthorizationFailed, Name = refused });
                    continue;
                }

                if (topic is null)
                {
                    bool invalid = wanted.Name is not null && TopicNames.Validate(wanted.Name) is not null;
                    response.Topics.Add(new MetadataResponse.MetadataResponseTopic
                    {
                        ErrorCode = (short)(invalid ? ErrorCode.InvalidTopicException : wanted.Name is null ? ErrorCode.UnknownTopicId : ErrorCode.UnknownTopicOrPartition),
                        Name = wanted.Name,
                        TopicId = wanted.TopicId,
                    });
                    continue;
                }

                response.Topics.Add(Describe(context, metadata, topic, topic.Name));
            }
        }

        return ValueTask.FromResult<MetadataResponse?>(response);
    }

    private static MetadataResponse.MetadataResponseTopic Describe(RequestContext context, MetadataRequest metadata, TopicState topic, string name)
    {
        var result = new MetadataResponse.MetadataResponseTopic
        {
            ErrorCode = context.Error(ErrorCode.None),
            Name = name,
            TopicId = topic.Id,
            IsInternal = topic.IsInternal,
        };
        if (metadata.IncludeTopicAuthorizedOperations)
        {
            result.TopicAuthorizedOperations = context.AuthorizedOperations(ResourceType.Topic, name, TopicOperations);
        }

        EmbeddedMetadataSnapshot? stale = context.Cluster.StaleMetadata;
        foreach (PartitionState partition in topic.Partitions.ToArray())
        {
            lock (partition.Sync)
            {
                (int leader, int epoch, int[] replicaArray, int[] isr) = stale is not null && stale.Partitions.TryGetValue((name, partition.Index), out var old)
                    ? old
                    : (partition.Leader, partition.LeaderEpoch, partition.Replicas, [.. partition.Isr]);
                var replicas = new List<int>(replicaArray);
                result.Partitions.Add(new MetadataResponse.MetadataResponsePartition
                {
                    ErrorCode = (short)(leader < 0 ? ErrorCode.LeaderNotAvailable : ErrorCode.None),
                    PartitionIndex = partition.Index,
                    LeaderId = leader,
                    LeaderEpoch = epoch,
                    ReplicaNodes = replicas,
                    IsrNodes = [.. isr],
                    OfflineReplicas = [.. replicas.Where(r => !context.Cluster.IsAlive(r))],
                });
            }
        }

        return result;
    }
}
