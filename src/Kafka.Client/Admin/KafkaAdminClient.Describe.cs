using Kafka.Client.Admin;
using Kafka.Client.Cluster;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client;

/// <summary>Listing and describing topics, and describing the cluster: metadata from any broker.</summary>
public sealed partial class KafkaAdminClient
{
    /// <summary>Lists the topics of the cluster (Metadata for all topics).</summary>
    /// <param name="includeInternal">True to include Kafka's own topics, such as <c>__consumer_offsets</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The topics, by name.</returns>
    /// <exception cref="KafkaException">No broker answered within <see cref="AdminClientOptions.DefaultApiTimeoutMs"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<TopicListing>> ListTopicsAsync(bool includeInternal = false, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        IReadOnlyList<TopicMetadata> topics = await _calls.CallAsync("ListTopics", _cluster.FetchAllTopicsAsync, cancellationToken).ConfigureAwait(false);
        return [.. topics
            .Where(t => t.Error == ErrorCode.None && (includeInternal || !t.IsInternal))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => new TopicListing(t.Name, t.Id, t.IsInternal))];
    }

    /// <summary>Describes topics: id, and per partition the leader, replicas and in-sync replicas (Metadata).</summary>
    /// <param name="topics">The topic names.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One description per topic, in order; <see cref="ErrorCode.UnknownTopicOrPartition"/> for a topic that does not exist.</returns>
    /// <exception cref="ArgumentException">A name is empty or repeated.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<TopicDescription>> DescribeTopicsAsync(IEnumerable<string> topics, CancellationToken cancellationToken = default)
    {
        Dictionary<string, string> names = ByName(topics, t => t);
        var batch = new AdminBatch<string, TopicDescription>(names.Keys, "topic", (name, e) => new TopicDescription(name, KafkaUuid.Zero, false, [], e));
        return await _calls.RunAsync(batch, async (pending, token) =>
        {
            await _cluster.RefreshAsync(pending, token).ConfigureAwait(false);
            foreach (string name in pending)
            {
                TopicMetadata? topic = _cluster.TryGetTopic(name);
                if (!batch.RecordError(name, topic?.Error ?? ErrorCode.UnknownTopicOrPartition, null, RetryOn.Leader))
                {
                    batch.Succeed(name, Describe(topic!));
                }
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Describes the cluster: its id, controller and live brokers (DescribeCluster, or Metadata from older brokers).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cluster.</returns>
    /// <exception cref="KafkaException">The broker refused, or no broker answered within <see cref="AdminClientOptions.DefaultApiTimeoutMs"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ClusterDescription> DescribeClusterAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return await _calls.CallAsync("DescribeCluster", async token =>
        {
            KafkaConnection connection = await _nodes.ConnectAsync(AdminNodes.AnyBroker, token).ConfigureAwait(false);
            if (!connection.Supports(ApiKey.DescribeCluster))
            {
                await _cluster.RefreshAsync([], token).ConfigureAwait(false);
                List<Node> known = [.. _cluster.Brokers.Keys.Order().Select(id => _nodes.NodeOf(id)!)];
                return new ClusterDescription(_cluster.ClusterId, known.Find(n => n.Id == _cluster.ControllerId), known);
            }

            var response = await connection.SendAsync(new DescribeClusterRequest(), token).ConfigureAwait(false);
            var error = (ErrorCode)response.ErrorCode;
            if (error != ErrorCode.None)
            {
                throw new KafkaException(error, $"DescribeCluster failed: {error}: {response.ErrorMessage ?? error.Describe()}");
            }

            List<Node> nodes = [.. response.Brokers.OrderBy(b => b.BrokerId).Select(b => new Node(b.BrokerId, b.Host, b.Port, b.Rack))];
            return new ClusterDescription(response.ClusterId, nodes.Find(n => n.Id == response.ControllerId), nodes);
        }, cancellationToken).ConfigureAwait(false);
    }

    private TopicDescription Describe(TopicMetadata topic) => new(
        topic.Name,
        topic.Id,
        topic.IsInternal,
        [.. topic.Partitions.Select(p => new TopicPartitionInfo(
            p.Partition,
            _nodes.NodeOf(p.Leader),
            [.. p.Replicas.Select(r => _nodes.NodeOf(r)!)],
            [.. p.Isr.Select(r => _nodes.NodeOf(r)!)]))],
        null);
}
