using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.Groups;
using Kafka.Client.Testing.Groups.Consumer;
using Kafka.Client.Testing.State;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// ConsumerGroupHeartbeat (68, KIP-848): the next-generation consumer group protocol. The request is checked as
/// Kafka's <c>throwIfConsumerGroupHeartbeatRequestIsInvalid</c> does (INVALID_REQUEST, UNSUPPORTED_ASSIGNOR,
/// INVALID_REGULAR_EXPRESSION), READ on the group and DESCRIBE on the subscribed topics are authorized
/// (KafkaApis.handleConsumerGroupHeartbeat), and the coordinator does the rest.
/// </summary>
internal sealed class ConsumerGroupHeartbeatHandler : ApiHandler<ConsumerGroupHeartbeatRequest, ConsumerGroupHeartbeatResponse>
{
    public override ApiKey Api => ApiKey.ConsumerGroupHeartbeat;

    public override ValueTask<ConsumerGroupHeartbeatResponse?> HandleAsync(RequestContext context, ConsumerGroupHeartbeatRequest heartbeat, CancellationToken cancellationToken)
    {
        (ErrorCode error, string? message) = context.ForcedError != ErrorCode.None ? (context.ForcedError, null)
            : !context.Authorize(AclOperation.Read, ResourceType.Group, heartbeat.GroupId) ? (ErrorCode.GroupAuthorizationFailed, null)
            : Invalid(heartbeat, context.Version, context.Cluster.Options.ConsumerGroupAssignors) is { } problem ? problem
            : heartbeat.SubscribedTopicNames?.FirstOrDefault(t => !context.Authorize(AclOperation.Describe, ResourceType.Topic, t)) is not null
                ? (ErrorCode.TopicAuthorizationFailed, (string?)"The member is not authorized to describe some of the topics it subscribes to.")
            : !context.IsCoordinatorFor(heartbeat.GroupId) ? (ErrorCode.NotCoordinator, null)
            : (ErrorCode.None, null);
        if (error != ErrorCode.None)
        {
            return ValueTask.FromResult<ConsumerGroupHeartbeatResponse?>(new ConsumerGroupHeartbeatResponse { ErrorCode = (short)error, ErrorMessage = message });
        }

        ClusterState cluster = context.Cluster;
        var timeouts = new GroupCoordinator.ConsumerGroupTimeouts(
            cluster.GroupConfigs.EffectiveInt(heartbeat.GroupId, GroupConfigDefinitions.ConsumerSessionTimeoutMs),
            cluster.GroupConfigs.EffectiveInt(heartbeat.GroupId, GroupConfigDefinitions.ConsumerHeartbeatIntervalMs));
        return ValueTask.FromResult<ConsumerGroupHeartbeatResponse?>(
            cluster.Groups.ConsumerHeartbeat(heartbeat, context.ClientId, context.ClientHost, timeouts));
    }

    /// <summary>What is wrong with the request, as Kafka 4.0 says it, or null.</summary>
    private static (ErrorCode, string?)? Invalid(ConsumerGroupHeartbeatRequest request, short version, IList<string> assignors)
    {
        string? problem = request switch
        {
            { GroupId.Length: 0 } => "GroupId can't be empty.",
            { InstanceId.Length: 0 } => "InstanceId can't be empty.",
            { RackId.Length: 0 } => "RackId can't be empty.",
            { MemberId.Length: 0 } when version >= ConsumerGroupHeartbeatVersions.ClientMemberId || request.MemberEpoch > 0 || request.MemberEpoch == -1 => "MemberId can't be empty.",
            { MemberEpoch: 0, RebalanceTimeoutMs: -1 } => "RebalanceTimeoutMs must be provided in first request.",
            { MemberEpoch: 0 } when request.TopicPartitions is not { Count: 0 } => "TopicPartitions must be empty when (re-)joining.",
            { MemberEpoch: 0, SubscribedTopicNames: null, SubscribedTopicRegex: null } => "Either SubscribedTopicNames or SubscribedTopicRegex must be non-null when (re-)joining.",
            { MemberEpoch: ConsumerGroupMember.LeftStaticEpoch, InstanceId: null } => "InstanceId can't be null.",
            { MemberEpoch: < ConsumerGroupMember.LeftStaticEpoch } => "MemberEpoch is invalid.",
            _ => null,
        };
        if (problem is not null)
        {
            return (ErrorCode.InvalidRequest, problem);
        }

        if (request.ServerAssignor is { } assignor && !assignors.Contains(assignor))
        {
            return (ErrorCode.UnsupportedAssignor, $"ServerAssignor {assignor} is not supported. Supported assignors: {string.Join(", ", assignors)}.");
        }

        return request.SubscribedTopicRegex is { Length: > 0 } regex && TopicSubscriptions.Problem(regex) is { } regexProblem
            ? (ErrorCode.InvalidRegularExpression, regexProblem)
            : null;
    }
}
