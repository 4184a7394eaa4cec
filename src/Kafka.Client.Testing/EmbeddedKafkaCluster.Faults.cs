using Kafka.Client.Protocol;
using Kafka.Client.Testing.Broker;

namespace Kafka.Client.Testing;

/// <summary>Fault injection: everything a test needs to hurt the cluster on purpose, deterministically.</summary>
public sealed partial class EmbeddedKafkaCluster
{
    /// <summary>
    /// Stops a broker: its connections close, it leaves every ISR, and the partitions it led elect another
    /// in-sync replica. Data acknowledged with acks=all is on every in-sync replica, so none is lost.
    /// </summary>
    public async Task StopBrokerAsync(int brokerId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        BrokerServer server = Server(brokerId);
        _state.BrokerStopped(brokerId);
        await server.StopAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Starts a stopped broker on its old port. It catches up as a follower, rejoins the ISR, and takes back the
    /// leadership of partitions where it is the preferred replica.
    /// </summary>
    public Task StartBrokerAsync(int brokerId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        BrokerServer server = Server(brokerId);
        if (!server.IsRunning)
        {
            server.Start(server.Ports);
            _state.BrokerStarted(brokerId);
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops and starts a broker.</summary>
    public async Task RestartBrokerAsync(int brokerId, CancellationToken cancellationToken = default)
    {
        await StopBrokerAsync(brokerId, cancellationToken).ConfigureAwait(false);
        await StartBrokerAsync(brokerId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes <paramref name="brokerId"/> (a live in-sync replica) the leader of one partition.</summary>
    /// <exception cref="InvalidOperationException">The broker is not a live in-sync replica of the partition.</exception>
    public Task MoveLeaderAsync(string topic, int partition, int brokerId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _state.MoveLeader(topic, partition, brokerId);
        return Task.CompletedTask;
    }

    /// <summary>Closes every client connection of a broker; the broker keeps running and clients reconnect.</summary>
    public Task DropConnectionsAsync(int brokerId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Server(brokerId).DropConnectionsAsync();
    }

    /// <summary>Delays every response of <paramref name="api"/> (on one broker, or all when null); <see cref="TimeSpan.Zero"/> removes the delay.</summary>
    public void DelayResponses(ApiKey api, TimeSpan delay, int? brokerId = null) =>
        _faults.SetDelay(brokerId ?? FaultInjector.AnyBroker, api, delay);

    /// <summary>
    /// Holds every request of <paramref name="api"/> (on one broker, or all when null) for <paramref name="delay"/>
    /// before handling it, so what changes meanwhile (a leader move) decides its answer; <see cref="TimeSpan.Zero"/>
    /// removes the delay. Requests on one connection are handled in order, so later ones wait too.
    /// </summary>
    public void DelayRequests(ApiKey api, TimeSpan delay, int? brokerId = null) =>
        _faults.SetDelay(brokerId ?? FaultInjector.AnyBroker, api, delay, beforeHandling: true);

    /// <summary>Answers the next <paramref name="count"/> requests of <paramref name="api"/> (on one broker, or any when null) with <paramref name="error"/>.</summary>
    public void FailNextRequests(ApiKey api, int count, ErrorCode error, int? brokerId = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _faults.FailNext(brokerId ?? FaultInjector.AnyBroker, api, count, error);
    }

    /// <summary>
    /// Answers the next <paramref name="count"/> requests of <paramref name="api"/> (on one broker, or any when null)
    /// with a response frame cut short after its correlation id, which no client can decode: a broker that breaks
    /// the protocol.
    /// </summary>
    public void TruncateNextResponses(ApiKey api, int count, int? brokerId = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _faults.TruncateNext(brokerId ?? FaultInjector.AnyBroker, api, count);
    }

    /// <summary>What the metadata says now: every partition's leader, leader epoch, replicas and ISR.</summary>
    public EmbeddedMetadataSnapshot TakeMetadataSnapshot()
    {
        var partitions = new Dictionary<(string, int), (int, int, int[], int[])>();
        foreach (State.TopicState topic in _state.AllTopics())
        {
            foreach (State.PartitionState partition in topic.Partitions)
            {
                lock (partition.Sync)
                {
                    partitions[(topic.Name, partition.Index)] = (partition.Leader, partition.LeaderEpoch, [.. partition.Replicas], [.. partition.Isr]);
                }
            }
        }

        return new EmbeddedMetadataSnapshot(partitions);
    }

    /// <summary>
    /// Makes every broker answer Metadata requests with the leaders, epochs, replicas and ISR of <paramref name="snapshot"/>
    /// for the partitions it has, as brokers whose metadata is behind do; null serves the current metadata again.
    /// Produce and fetch still go by the real leaders.
    /// </summary>
    public void ServeStaleMetadata(EmbeddedMetadataSnapshot? snapshot) => _state.StaleMetadata = snapshot;
}
