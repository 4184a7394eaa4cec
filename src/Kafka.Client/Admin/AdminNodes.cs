using Kafka.Client.Cluster;
using Kafka.Client.Network;
using Kafka.Client.Protocol;

namespace Kafka.Client.Admin;

/// <summary>
/// Where admin requests go: a given broker, the controller (when metadata names one) or any broker; and sending
/// one request per broker for the items routed to it.
/// </summary>
internal sealed class AdminNodes(KafkaCluster cluster)
{
    /// <summary>Stands for "any broker" where a node id is expected.</summary>
    public const int AnyBroker = -1;

    private volatile bool _controllerMoved = true;

    /// <summary>Says the controller answered NOT_CONTROLLER: the next <see cref="ControllerAsync"/> refreshes metadata.</summary>
    public void ControllerMoved() => _controllerMoved = true;

    /// <summary>The controller's node id from metadata, or <see cref="AnyBroker"/> when metadata names none (KRaft brokers forward).</summary>
    public async Task<int> ControllerAsync(CancellationToken cancellationToken)
    {
        if (_controllerMoved || cluster.ControllerId < 0)
        {
            await cluster.RefreshAsync([], cancellationToken).ConfigureAwait(false);
            _controllerMoved = false;
        }

        int controller = cluster.ControllerId;
        return controller >= 0 && cluster.Brokers.ContainsKey(controller) ? controller : AnyBroker;
    }

    /// <summary>The live brokers' ids, from fresh metadata.</summary>
    public async Task<IReadOnlyList<int>> BrokerIdsAsync(CancellationToken cancellationToken)
    {
        await cluster.RefreshAsync([], cancellationToken).ConfigureAwait(false);
        return [.. cluster.Brokers.Keys.Order()];
    }

    /// <summary>A connection to broker <paramref name="nodeId"/> (refreshing metadata if it is not known yet), or to any broker.</summary>
    /// <exception cref="KafkaException">The broker is unknown or unreachable (retriable).</exception>
    public async Task<KafkaConnection> ConnectAsync(int nodeId, CancellationToken cancellationToken)
    {
        if (nodeId == AnyBroker)
        {
            return await cluster.AnyConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!cluster.Brokers.ContainsKey(nodeId))
        {
            await cluster.RefreshAsync([], cancellationToken).ConfigureAwait(false);
        }

        return await cluster.ConnectionToAsync(nodeId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A broker as a <see cref="Node"/>; one metadata does not list (an offline replica) has no host.</summary>
    public Node? NodeOf(int nodeId) =>
        nodeId < 0 ? null
        : cluster.Brokers.TryGetValue(nodeId, out BrokerMetadata? b) ? new Node(b.NodeId, b.Host, b.Port, b.Rack)
        : new Node(nodeId, "", -1, null);

    /// <summary>
    /// Routes each item to a broker (<paramref name="route"/> returns null for an item it already answered, and may
    /// throw a <see cref="KafkaException"/> about that item), then sends one request per broker, concurrently. A
    /// failed request retries or fails its items (and is reported to <paramref name="nodeFailed"/>); items a response
    /// leaves out fail.
    /// </summary>
    public async Task SendAsync<TKey, TResult>(
        AdminBatch<TKey, TResult> batch,
        IReadOnlyList<TKey> keys,
        Func<TKey, Task<int?>> route,
        Func<KafkaConnection, IReadOnlyList<TKey>, CancellationToken, Task> send,
        CancellationToken cancellationToken,
        Action<int>? nodeFailed = null)
        where TKey : notnull
    {
        var routed = new List<(TKey Key, int Node)>();
        foreach (TKey key in keys)
        {
            try
            {
                if (await route(key).ConfigureAwait(false) is int node)
                {
                    routed.Add((key, node));
                }
            }
            catch (KafkaException e)
            {
                batch.Handle([key], e);
            }
        }

        await Task.WhenAll(routed.GroupBy(r => r.Node, r => r.Key).Select(async group =>
        {
            List<TKey> sent = [.. group];
            try
            {
                KafkaConnection connection = await ConnectAsync(group.Key, cancellationToken).ConfigureAwait(false);
                batch.Sending(sent);
                await send(connection, sent, cancellationToken).ConfigureAwait(false);
                batch.FailUnanswered(sent);
            }
            catch (KafkaException e)
            {
                nodeFailed?.Invoke(group.Key);
                batch.Handle(sent, e);
            }
        })).ConfigureAwait(false);
    }

    /// <summary>Sends a request built for the version the broker and this client both speak; returns the response and that version.</summary>
    /// <exception cref="KafkaException">The broker does not support <paramref name="api"/>, or the request failed.</exception>
    public static async Task<(TResponse Response, short Version)> SendAsync<TResponse>(
        KafkaConnection connection,
        ApiKey api,
        Func<short, IKafkaRequest<TResponse>> build,
        CancellationToken cancellationToken)
        where TResponse : IKafkaResponse
    {
        short version = connection.VersionFor(api);
        TResponse response = await connection.SendWithVersionAsync(build(version), version, cancellationToken).ConfigureAwait(false);
        return (response, version);
    }
}
