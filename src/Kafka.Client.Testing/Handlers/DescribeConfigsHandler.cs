using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.State;

namespace Kafka.Client.Testing.Handlers;

/// <summary>DescribeConfigs (32): topic, broker and group configs with their values, sources, types and synonyms.</summary>
internal sealed class DescribeConfigsHandler : ApiHandler<DescribeConfigsRequest, DescribeConfigsResponse>
{
    public override ApiKey Api => ApiKey.DescribeConfigs;

    public override ValueTask<DescribeConfigsResponse?> HandleAsync(RequestContext context, DescribeConfigsRequest describe, CancellationToken cancellationToken)
    {
        var response = new DescribeConfigsResponse();
        foreach (DescribeConfigsRequest.DescribeConfigsResource resource in describe.Resources)
        {
            var result = new DescribeConfigsResponse.DescribeConfigsResult
            {
                ResourceType = resource.ResourceType,
                ResourceName = resource.ResourceName,
                ErrorMessage = null,
            };
            response.Results.Add(result);
            if (context.ForcedError != ErrorCode.None)
            {
                result.ErrorCode = (short)context.ForcedError;
                continue;
            }

            if (ConfigResources.Refusal(context, resource.ResourceType, resource.ResourceName, AclOperation.DescribeConfigs) is var refused and not ErrorCode.None)
            {
                result.ErrorCode = (short)refused;
                result.ErrorMessage = "Authorization failed.";
                continue;
            }

            switch (resource.ResourceType)
            {
                case ConfigResources.Topic:
                    TopicState? topic = context.Cluster.FindTopic(resource.ResourceName);
                    if (topic is null)
                    {
                        result.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                        result.ErrorMessage = $"Topic {resource.ResourceName} does not exist.";
                        continue;
                    }

                    foreach (ConfigDefinition definition in ConfigDefinitions.Topic.Values.OrderBy(d => d.Name, StringComparer.Ordinal))
                    {
                        if (Wanted(resource, definition.Name))
                        {
                            var (value, source) = topic.Effective(definition.Name);
                            result.Configs.Add(Entry(context, describe, definition, value, source, TopicSynonyms(context, topic, definition.Name)));
                        }
                    }

                    break;
                case ConfigResources.Broker:
                    ErrorCode error = ConfigResources.CheckBroker(context, resource.ResourceName, out int brokerId, out string? message);
                    if (error != ErrorCode.None)
                    {
                        result.ErrorCode = (short)error;
                        result.ErrorMessage = message;
                        continue;
                    }

                    foreach (ConfigDefinition definition in ConfigDefinitions.Broker.Values.OrderBy(d => d.Name, StringComparer.Ordinal))
                    {
                        if (Wanted(resource, definition.Name))
                        {
                            var (value, source) = context.Cluster.BrokerConfigs.Effective(definition.Name, brokerId, ConfigResources.Listener(context), context.Cluster.Options.DataDirectory);
                            result.Configs.Add(Entry(context, describe, definition, value, source, []));
                        }
                    }

                    break;
                case ConfigResources.Group:
                    if (resource.ResourceName.Length == 0)
                    {
                        result.ErrorCode = (short)ErrorCode.InvalidRequest;
                        result.ErrorMessage = "Group name must not be empty.";
                        continue;
                    }

                    // As Kafka: every group config, the group's own (GROUP_CONFIG) or the broker's default; no group need exist.
                    foreach (var (definition, value, isSet) in context.Cluster.GroupConfigs.Describe(resource.ResourceName))
                    {
                        if (Wanted(resource, definition.Name))
                        {
                            ConfigSource source = isSet ? ConfigSource.Group : ConfigSource.Default;
                            result.Configs.Add(Entry(context, describe, new ConfigDefinition(definition.Name, definition.Type, value), value, source,
                                [new DescribeConfigsResponse.DescribeConfigsSynonym { Name = definition.Name, Value = value, Source = (sbyte)source }]));
                        }
                    }

                    break;
                default:
                    result.ErrorCode = (short)ErrorCode.InvalidRequest;
                    result.ErrorMessage = $"Resource type {resource.ResourceType} is not supported by the embedded broker.";
                    break;
            }
        }

        return ValueTask.FromResult<DescribeConfigsResponse?>(response);
    }

    private static bool Wanted(DescribeConfigsRequest.DescribeConfigsResource resource, string name) =>
        resource.ConfigurationKeys is null || resource.ConfigurationKeys.Count == 0 || resource.ConfigurationKeys.Contains(name);

    private static List<DescribeConfigsResponse.DescribeConfigsSynonym> TopicSynonyms(RequestContext context, TopicState topic, string name)
    {
        var synonyms = new List<DescribeConfigsResponse.DescribeConfigsSynonym>();
        if (topic.Overrides.TryGetValue(name, out string? own))
        {
            synonyms.Add(new DescribeConfigsResponse.DescribeConfigsSynonym { Name = name, Value = own, Source = (sbyte)ConfigSource.DynamicTopic });
        }

        var (value, source) = context.Cluster.Defaults.TopicDefault(name);
        string brokerName = ConfigDefinitions.TopicToBroker.GetValueOrDefault(name, name);
        synonyms.Add(new DescribeConfigsResponse.DescribeConfigsSynonym { Name = source == ConfigSource.Default ? name : brokerName, Value = value, Source = (sbyte)source });
        return synonyms;
    }

    private static DescribeConfigsResponse.DescribeConfigsResourceResult Entry(
        RequestContext context,
        DescribeConfigsRequest describe,
        ConfigDefinition definition,
        string value,
        ConfigSource source,
        List<DescribeConfigsResponse.DescribeConfigsSynonym> synonyms) => new()
        {
            Name = definition.Name,
            Value = value,
            ReadOnly = definition.ReadOnly,
            // v0 has the IsDefault flag; v1+ the config source instead.
            IsDefaultValue = context.Version == 0 && source == ConfigSource.Default,
            ConfigSource = (sbyte)source,
            ConfigType = (sbyte)definition.Type,
            Synonyms = describe.IncludeSynonyms ? synonyms : [],
            Documentation = null,
        };
}
