using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Security;
using Kafka.Client.Testing.State;

namespace Kafka.Client.Testing.Broker;

/// <summary>What a handler knows about the request it answers.</summary>
internal sealed class RequestContext(BrokerServer broker, RequestHeader header, string clientHost, ErrorCode forcedError, ConnectionSession session)
{
    /// <summary>The connection the request came on: its listener, principal and SASL state.</summary>
    public ConnectionSession Session { get; } = session;

    /// <summary>The index of the connection's listener: metadata answers with the addresses of the same listener.</summary>
    public int Listener => Session.ListenerIndex;

    public BrokerServer Broker { get; } = broker;

    public ClusterState Cluster => Broker.Cluster;

    public int BrokerId => Broker.Id;

    public RequestHeader Header { get; } = header;

    public short Version => Header.RequestApiVersion;

    public string ClientId => Header.ClientId ?? "";

    /// <summary>The client's address, as group descriptions show it ("/127.0.0.1").</summary>
    public string ClientHost { get; } = clientHost;

    /// <summary>An error a test asked the broker to answer with (fault injection), or None.</summary>
    public ErrorCode ForcedError { get; } = forcedError;

    /// <summary>The forced error if any, else <paramref name="error"/>.</summary>
    public short Error(ErrorCode error) => (short)(ForcedError != ErrorCode.None ? ForcedError : error);

    /// <summary>True when the connection's principal may do <paramref name="operation"/> on the resource (always, without ACLs).</summary>
    public bool Authorize(AclOperation operation, ResourceType type, string name) =>
        Cluster.Security.Authorizer.Authorize(Session.Principal, ClientHost.TrimStart('/'), operation, type, name);

    /// <summary>True when the connection's principal may do <paramref name="operation"/> on the cluster.</summary>
    public bool AuthorizeCluster(AclOperation operation) => Authorize(operation, ResourceType.Cluster, AclRule.ClusterName);

    /// <summary>The bit field of the operations of <paramref name="candidates"/> the principal may do on the resource (KIP-430).</summary>
    public int AuthorizedOperations(ResourceType type, string name, params AclOperation[] candidates) =>
        Cluster.Security.Authorizer.AuthorizedOperations(Session.Principal, ClientHost.TrimStart('/'), type, name, candidates);

    /// <summary>True when the principal may do <paramref name="operation"/> on some resource of <paramref name="type"/>.</summary>
    public bool AuthorizeAny(AclOperation operation, ResourceType type) =>
        Cluster.Security.Authorizer.AuthorizeAny(Session.Principal, ClientHost.TrimStart('/'), operation, type);

    /// <summary>True when this broker coordinates <paramref name="groupId"/>; group requests elsewhere get NOT_COORDINATOR.</summary>
    public bool IsCoordinatorFor(string groupId) => Cluster.CoordinatorFor(groupId) == BrokerId;
}
