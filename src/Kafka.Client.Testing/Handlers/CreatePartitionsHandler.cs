using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;

namespace Kafka.Client.Testing.Handlers;

/// <summary>CreatePartitions (37): raises a topic's partition count, with optional replica assignments.</summary>
internal sealed class CreatePartitionsHandler : ApiHandler<CreatePartitionsRequest, CreatePartitionsResponse>
{
    public override ApiKey Api => ApiKey.CreatePartitions;

    public override ValueTask<CreatePartitionsResponse?> HandleAsync(RequestContext context, CreatePartitionsRequest create, CancellationToken cancellationToken)
    {
        var response = new CreatePartitionsResponse();
        foreach (CreatePartitionsRequest.CreatePartitionsTopic topic in create.Topics)
        {
            var result = new CreatePartitionsResponse.CreatePartitionsTopicResult { Name = topic.Name };
            response.Results.Add(result);
            if (context.ForcedError != ErrorCode.None)
            {
                result.ErrorCode = (short)context.ForcedError;
                continue;
            }

            if (!context.Authorize(AclOperation.Alter, ResourceType.Topic, topic.Name))
            {
                result.ErrorCode = (short)ErrorCode.TopicAuthorizationFailed;
                result.ErrorMessage = "Authorization failed.";
                continue;
            }

            List<int[]>? assignments = topic.Assignments is { Count: > 0 } a ? [.. a.Select(x => x.BrokerIds.ToArray())] : null;
            result.ErrorCode = (short)context.Cluster.CreatePartitions(topic.Name, topic.Count, assignments, create.ValidateOnly, out string? message);
            result.ErrorMessage = message;
        }

        return ValueTask.FromResult<CreatePartitionsResponse?>(response);
    }
}
