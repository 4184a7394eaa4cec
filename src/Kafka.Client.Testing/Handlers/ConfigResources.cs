using System.Globalization;
using Kafka.Client.Protocol;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.State;

namespace Kafka.Client.Testing.Handlers;

/// <summary>Config resources as the config APIs name them, and the checks they share.</summary>
internal static class ConfigResources
{
    public const sbyte Topic = 2;
    public const sbyte Broker = 4;
    public const sbyte Group = 32;

    /// <summary>
    /// TOPIC_AUTHORIZATION_FAILED (a topic), CLUSTER_AUTHORIZATION_FAILED (a broker) or GROUP_AUTHORIZATION_FAILED (a group) when the principal may not do
    /// <paramref name="operation"/> (DescribeConfigs or AlterConfigs) on the resource, else None.
    /// </summary>
    public static ErrorCode Refusal(RequestContext context, sbyte resourceType, string name, AclOperation operation) => resourceType switch
    {
        Topic when !context.Authorize(operation, ResourceType.Topic, name) => ErrorCode.TopicAuthorizationFailed,
        Broker when !context.AuthorizeCluster(operation) => ErrorCode.ClusterAuthorizationFailed,
        Group when !context.Authorize(operation, ResourceType.Group, name) => ErrorCode.GroupAuthorizationFailed,
        _ => ErrorCode.None,
    };

    /// <summary>Resolves a broker resource name ("" = cluster default, else a broker id); returns the error, if any.</summary>
    public static ErrorCode CheckBroker(RequestContext context, string name, out int brokerId, out string? message)
    {
        brokerId = context.BrokerId;
        message = null;
        if (name.Length == 0)
        {
            return ErrorCode.None;
        }

        if (!int.TryParse(name, NumberStyles.Integer, CultureInfo.InvariantCulture, out int id)
            || !context.Cluster.Brokers.Any(b => b.Id == id))
        {
            message = $"Broker '{name}' does not exist.";
            return ErrorCode.InvalidRequest;
        }

        brokerId = id;
        return ErrorCode.None;
    }

    /// <summary>Returns the problem with a set of broker config changes, or null.</summary>
    public static string? ValidateBroker(IEnumerable<KeyValuePair<string, string?>> changes)
    {
        foreach (var (key, value) in changes)
        {
            if (!ConfigDefinitions.Broker.TryGetValue(key, out ConfigDefinition? definition))
            {
                return $"Unknown or non-dynamic broker config: {key}";
            }

            if (definition.ReadOnly)
            {
                return $"Cannot update these configs dynamically: [{key}]";
            }

            if (definition.Validate(value) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>The broker's <c>listeners</c> config: every listener, as <c>PROTOCOL://HOST:PORT</c>.</summary>
    public static string Listener(RequestContext context)
    {
        BrokerNode node = context.Cluster.Broker(context.BrokerId);
        return string.Join(",", context.Cluster.Listeners.Select((l, i) => $"{l.Name}://{l.Host}:{node.PortOf(i)}"));
    }
}
