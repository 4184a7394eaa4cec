using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.State;

namespace Kafka.Client.Testing.Handlers;

/// <summary>DescribeCluster (60): cluster id, controller and live brokers.</summary>
internal sealed class DescribeClusterHandler : ApiHandler<DescribeClusterRequest, DescribeClusterResponse>
{
    public override ApiKey Api => ApiKey.DescribeCluster;

    public override ValueTask<DescribeClusterResponse?> HandleAsync(RequestContext context, DescribeClusterRequest describe, CancellationToken cancellationToken)
    {
        var response = new DescribeClusterResponse
        {
            ErrorCode = context.Error(ErrorCode.None),
            ClusterId = context.Cluster.ClusterId,
            ControllerId = context.Cluster.ControllerId,
            EndpointType = describe.EndpointType,
        };

        if (!context.AuthorizeCluster(AclOperation.Describe))
        {
            response.ErrorCode = (short)ErrorCode.ClusterAuthorizationFailed;
            response.ErrorMessage = "Cluster authorization failed.";
            return ValueTask.FromResult<DescribeClusterResponse?>(response);
        }

        if (describe.EndpointType != 1)
        {
            response.ErrorCode = (short)ErrorCode.UnsupportedEndpointType;
            response.ErrorMessage = "The embedded broker only describes brokers (endpoint type 1).";
            return ValueTask.FromResult<DescribeClusterResponse?>(response);
        }

        foreach (BrokerNode broker in context.Cluster.Brokers)
        {
            if (broker.Alive)
            {
                response.Brokers.Add(new DescribeClusterResponse.DescribeClusterBroker { BrokerId = broker.Id, Host = broker.HostOf(context.Listener), Port = broker.PortOf(context.Listener) });
            }
        }

        return ValueTask.FromResult<DescribeClusterResponse?>(response);
    }
}
