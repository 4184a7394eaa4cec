using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;

namespace Kafka.Client.Testing.Handlers;

/// <summary>AlterConfigs (33): replaces all dynamic configs of a topic or broker (the legacy, non-incremental API).</summary>
internal sealed class AlterConfigsHandler : ApiHandler<AlterConfigsRequest, AlterConfigsResponse>
{
    public override ApiKey Api => ApiKey.AlterConfigs;

    public override ValueTask<AlterConfigsResponse?> HandleAsync(RequestContext context, AlterConfigsRequest alter, CancellationToken cancellationToken)
    {
        var response = new AlterConfigsResponse();
        foreach (AlterConfigsRequest.AlterConfigsResource resource in alter.Resources)
        {
            var changes = resource.Configs.Select(c => new KeyValuePair<string, string?>(c.Name, c.Value)).ToList();
            var (error, message) = context.ForcedError != ErrorCode.None
                ? (context.ForcedError, null)
                : ConfigChanges.Apply(context, resource.ResourceType, resource.ResourceName, changes, replaceAll: true, alter.ValidateOnly);
            response.Responses.Add(new AlterConfigsResponse.AlterConfigsResourceResponse
            {
                ResourceType = resource.ResourceType,
                ResourceName = resource.ResourceName,
                ErrorCode = (short)error,
                ErrorMessage = message,
            });
        }

        return ValueTask.FromResult<AlterConfigsResponse?>(response);
    }
}
