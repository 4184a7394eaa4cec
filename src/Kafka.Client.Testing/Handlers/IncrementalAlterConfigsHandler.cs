using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.State;

namespace Kafka.Client.Testing.Handlers;

/// <summary>IncrementalAlterConfigs (44): SET, DELETE, APPEND and SUBTRACT on topic and broker configs; SET and DELETE on group configs.</summary>
internal sealed class IncrementalAlterConfigsHandler : ApiHandler<IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse>
{
    private const sbyte Set = 0, Delete = 1, Append = 2, Subtract = 3;

    public override ApiKey Api => ApiKey.IncrementalAlterConfigs;

    public override ValueTask<IncrementalAlterConfigsResponse?> HandleAsync(RequestContext context, IncrementalAlterConfigsRequest alter, CancellationToken cancellationToken)
    {
        var response = new IncrementalAlterConfigsResponse();
        foreach (IncrementalAlterConfigsRequest.AlterConfigsResource resource in alter.Resources)
        {
            var (error, message) = context.ForcedError != ErrorCode.None
                ? (context.ForcedError, null)
                : Alter(context, resource, alter.ValidateOnly);
            response.Responses.Add(new IncrementalAlterConfigsResponse.AlterConfigsResourceResponse
            {
                ResourceType = resource.ResourceType,
                ResourceName = resource.ResourceName,
                ErrorCode = (short)error,
                ErrorMessage = message,
            });
        }

        return ValueTask.FromResult<IncrementalAlterConfigsResponse?>(response);
    }

    private static (ErrorCode, string?) Alter(RequestContext context, IncrementalAlterConfigsRequest.AlterConfigsResource resource, bool validateOnly)
    {
        var changes = new List<KeyValuePair<string, string?>>();
        TopicState? topic = resource.ResourceType == ConfigResources.Topic ? context.Cluster.FindTopic(resource.ResourceName) : null;
        foreach (IncrementalAlterConfigsRequest.AlterableConfig config in resource.Configs)
        {
            string? current = topic?.Effective(config.Name).Value;
            string? value = config.ConfigOperation switch
            {
                Set => config.Value,
                Delete => null,
                Append => string.IsNullOrEmpty(current) ? config.Value : $"{current},{config.Value}",
                Subtract => string.Join(",", (current ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Where(v => v != config.Value)),
                _ => throw new KafkaProtocolException($"Unknown config operation {config.ConfigOperation}."),
            };
            if (config.ConfigOperation is Append or Subtract && ConfigDefinitions.Topic.TryGetValue(config.Name, out ConfigDefinition? definition) && definition.Type != ConfigType.List)
            {
                return (ErrorCode.InvalidConfig, $"Config {config.Name} is not a list, so it cannot be appended to or subtracted from.");
            }

            if (config.ConfigOperation is Append or Subtract && resource.ResourceType == ConfigResources.Group)
            {
                return (ErrorCode.InvalidConfig, $"Group config {config.Name} is not a list, so it cannot be appended to or subtracted from.");
            }

            changes.Add(new(config.Name, value));
        }

        return ConfigChanges.Apply(context, resource.ResourceType, resource.ResourceName, changes, replaceAll: false, validateOnly);
    }
}
