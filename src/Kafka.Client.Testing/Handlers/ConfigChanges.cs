using Kafka.Client.Protocol;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.State;

namespace Kafka.Client.Testing.Handlers;

/// <summary>Validates and applies config changes to a topic, a broker or a group, for AlterConfigs and IncrementalAlterConfigs.</summary>
internal static class ConfigChanges
{
    public static (ErrorCode Error, string? Message) Apply(
        RequestContext context,
        sbyte resourceType,
        string resourceName,
        List<KeyValuePair<string, string?>> changes,
        bool replaceAll,
        bool validateOnly)
    {
        if (ConfigResources.Refusal(context, resourceType, resourceName, AclOperation.AlterConfigs) is var refused and not ErrorCode.None)
        {
            return (refused, "Authorization failed.");
        }

        switch (resourceType)
        {
            case ConfigResources.Topic:
                TopicState? topic = context.Cluster.FindTopic(resourceName);
                if (topic is null)
                {
                    return (ErrorCode.UnknownTopicOrPartition, $"Topic {resourceName} does not exist.");
                }

                if (ClusterState.ValidateTopicConfigs(changes) is { } problem)
                {
                    return (ErrorCode.InvalidConfig, problem);
                }

                if (!validateOnly)
                {
                    context.Cluster.SetTopicConfigs(topic, changes, replaceAll);
                }

                return (ErrorCode.None, null);
            case ConfigResources.Broker:
                ErrorCode error = ConfigResources.CheckBroker(context, resourceName, out _, out string? message);
                if (error != ErrorCode.None)
                {
                    return (error, message);
                }

                if (ConfigResources.ValidateBroker(changes) is { } brokerProblem)
                {
                    return (ErrorCode.InvalidConfig, brokerProblem);
                }

                if (!validateOnly)
                {
                    context.Cluster.BrokerConfigs.Apply(resourceName, changes, replaceAll);
                }

                return (ErrorCode.None, null);
            case ConfigResources.Group:
                if (resourceName.Length == 0)
                {
                    return (ErrorCode.InvalidRequest, "Group name must not be empty.");
                }

                return context.Cluster.GroupConfigs.Alter(resourceName, changes, replaceAll, validateOnly) is { } groupProblem
                    ? (ErrorCode.InvalidConfig, groupProblem)
                    : (ErrorCode.None, null);
            default:
                return (ErrorCode.InvalidRequest, $"Resource type {resourceType} is not supported by the embedded broker.");
        }
    }
}
