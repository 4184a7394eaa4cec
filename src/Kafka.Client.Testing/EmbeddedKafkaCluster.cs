using System.Security.Cryptography.X509Certificates;
using Kafka.Client.Protocol;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.Handlers;
using Kafka.Client.Testing.Security;
using Kafka.Client.Testing.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kafka.Client.Testing;

/// <summary>
/// An Apache Kafka cluster inside the test process: N brokers on loopback TCP speaking the real Kafka protocol,
/// so any Kafka client (Kafka.Client, Confluent.Kafka, kcat) can use it. Starts in milliseconds.
/// </summary>
/// <example>
/// <code>
/// await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3 });
/// await cluster.CreateTopicAsync("orders", partitions: 6, replicationFactor: 3);
/// string bootstrap = cluster.BootstrapServers;
/// </code>
/// </example>
public sealed partial class EmbeddedKafkaCluster : IAsyncDisposable
{
    private readonly ClusterState _state;
    private readonly SortedDictionary<int, BrokerServer> _servers = [];
    private readonly FaultInjector _faults = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _housekeeping;
    private int _disposed;

    private EmbeddedKafkaCluster(EmbeddedKafkaClusterOptions options, IReadOnlyList<int> brokerIds)
    {
        _state = new ClusterState(options, brokerIds);
        ILogger logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Kafka.Client.Testing.EmbeddedKafkaCluster");
        var router = new ApiRouter(HandlerCatalog.Create(), options.MaxApiVersions);
        foreach (int id in brokerIds)
        {
            _servers[id] = new BrokerServer(id, _state, router, _faults, logger);
        }

        _housekeeping = HousekeepingAsync(_stopping.Token);
    }

    /// <summary>Starts a cluster and returns once every broker accepts connections.</summary>
    /// <exception cref="ArgumentException">The options are invalid (for example duplicate broker ids).</exception>
    public static Task<EmbeddedKafkaCluster> StartAsync(EmbeddedKafkaClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmbeddedKafkaClusterOptions();
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<int> ids = options.ResolveBrokerIds();
        options.ValidateConsumerGroupSettings();
        var cluster = new EmbeddedKafkaCluster(options, ids);
        try
        {
            int index = 0;
            foreach (BrokerServer server in cluster._servers.Values)
            {
                cluster._state.Broker(server.Id).Alive = true;
                server.Start([.. cluster._state.Listeners.Select(l => l.Port == 0 ? 0 : l.Port + index)]);
                index++;
            }

            cluster._state.ElectRestoredLeaders();
        }
        catch
        {
            cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        return Task.FromResult(cluster);
    }

    /// <summary>The bootstrap servers of every broker on the first listener, "host:port,host:port".</summary>
    public string BootstrapServers => BootstrapServersAt(0);

    /// <summary>The bootstrap servers of every broker on the listener of <paramref name="securityProtocol"/>.</summary>
    /// <param name="securityProtocol">The listener's name: <c>PLAINTEXT</c>, <c>SSL</c>, <c>SASL_PLAINTEXT</c> or <c>SASL_SSL</c>.</param>
    /// <returns>"host:port,host:port".</returns>
    /// <exception cref="ArgumentException">The cluster has no such listener.</exception>
    public string BootstrapServersFor(string securityProtocol)
    {
        int index = -1;
        for (int i = 0; i < _state.Listeners.Count; i++)
        {
            if (string.Equals(_state.Listeners[i].Name, securityProtocol, StringComparison.OrdinalIgnoreCase))
            {
                index = i;
            }
        }

        return index >= 0
            ? BootstrapServersAt(index)
            : throw new ArgumentException($"The cluster has no {securityProtocol} listener; it has {string.Join(", ", _state.Listeners.Select(l => l.Name))}.", nameof(securityProtocol));
    }

    /// <summary>
    /// The PEM certificate of the CA that signed the TLS listeners' certificate (the cluster's own, created at start), for
    /// a client's <c>ssl.ca.pem</c> or, written to a file, <c>ssl.ca.location</c>. Null when no listener uses TLS.
    /// </summary>
    public string? CertificateAuthorityPem => _state.Security.Authority?.Pem;

    /// <summary>
    /// A client certificate, with its private key, signed by the cluster's CA, for mutual TLS
    /// (<see cref="EmbeddedKafkaClusterOptions.SslClientAuth"/>); the broker sees its subject as the principal.
    /// Export it with <c>ExportCertificatePem()</c> and <c>GetECDsaPrivateKey().ExportPkcs8PrivateKeyPem()</c>.
    /// </summary>
    /// <param name="subject">The subject, e.g. <c>CN=alice</c>.</param>
    /// <param name="notBefore">The start of its validity; default a day ago.</param>
    /// <param name="notAfter">The end of its validity; default in a year (a past date makes an expired certificate).</param>
    /// <returns>The certificate; the caller disposes it.</returns>
    /// <exception cref="InvalidOperationException">No listener uses TLS, so the cluster has no CA.</exception>
    public X509Certificate2 IssueClientCertificate(string subject, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        CertificateAuthority authority = _state.Security.Authority
            ?? throw new InvalidOperationException("The cluster has no TLS listener, so no CA: add an SSL or SASL_SSL listener.");
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return authority.IssueClient(subject, notBefore ?? now.AddDays(-1), notAfter ?? now.AddYears(1));
    }

    private string BootstrapServersAt(int listener) =>
        string.Join(",", _servers.Values.Select(s => $"{_state.Broker(s.Id).HostOf(listener)}:{_state.Broker(s.Id).PortOf(listener)}"));

    /// <summary>The broker ids, in ascending order.</summary>
    public IReadOnlyList<int> BrokerIds => [.. _servers.Keys];

    /// <summary>The cluster id reported in metadata.</summary>
    public string ClusterId => _state.ClusterId;

    /// <summary>The port broker <paramref name="brokerId"/> listens on (its first listener).</summary>
    public int PortOf(int brokerId) => Server(brokerId).Port;

    /// <summary>
    /// The client connections broker <paramref name="brokerId"/> holds open now, on all its listeners: a test sees that
    /// a client does not leak connections, and that the broker drops the ones it refused.
    /// </summary>
    public int ConnectionCount(int brokerId) => Server(brokerId).ConnectionCount;

    /// <summary>True while broker <paramref name="brokerId"/> runs.</summary>
    public bool IsRunning(int brokerId) => Server(brokerId).IsRunning;

    private BrokerServer Server(int brokerId) =>
        _servers.TryGetValue(brokerId, out BrokerServer? server) ? server : throw new ArgumentException($"There is no broker {brokerId}.", nameof(brokerId));

    /// <summary>
    /// The latest requests of type <typeparamref name="TRequest"/> the brokers received (up to 64, oldest first, with
    /// <see cref="EmbeddedKafkaClusterOptions.KeepRecentRequests"/>), as decoded, each with the version it was sent
    /// at. For tests that check what a client puts in its requests (fetch sizes, timeouts, isolation level...).
    /// </summary>
    /// <typeparam name="TRequest">A request message of <c>Kafka.Client.Protocol.Messages</c>, for example <c>FetchRequest</c>.</typeparam>
    /// <exception cref="InvalidOperationException">The cluster was started without <see cref="EmbeddedKafkaClusterOptions.KeepRecentRequests"/>.</exception>
    public IReadOnlyList<(TRequest Request, short Version)> RecentRequests<TRequest>()
        where TRequest : class, IKafkaRequest, new()
    {
        if (!_state.Options.KeepRecentRequests)
        {
            throw new InvalidOperationException("Requests are kept only when the cluster is started with EmbeddedKafkaClusterOptions.KeepRecentRequests = true.");
        }

        ApiKey api = new TRequest().Api;
        return [.. _state.Requests.Recent(api).Select(r => ((TRequest)r.Request, r.Version))];
    }

    /// <summary>Creates a topic, with replicas spread over the brokers as Kafka does.</summary>
    /// <exception cref="InvalidOperationException">Kafka would refuse the topic (name, partitions, replication factor, configs); the message says why.</exception>
    public Task CreateTopicAsync(
        string topic,
        int partitions = 1,
        short replicationFactor = 1,
        IReadOnlyDictionary<string, string>? configs = null,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var typed = configs?.ToDictionary(c => c.Key, c => (string?)c.Value, StringComparer.Ordinal);
        ErrorCode error = _state.CreateTopic(topic, partitions, replicationFactor, null, typed, validateOnly: false, out string? message);
        if (error != ErrorCode.None)
        {
            throw new InvalidOperationException($"Cannot create topic '{topic}': {error}: {message}");
        }

        return Task.CompletedTask;
    }

    /// <summary>Deletes a topic and its data.</summary>
    public Task DeleteTopicAsync(string topic, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ErrorCode error = _state.DeleteTopic(topic, out _);
        return error == ErrorCode.None ? Task.CompletedTask : throw new InvalidOperationException($"Cannot delete topic '{topic}': {error}.");
    }

    /// <summary>The names of the topics, in order.</summary>
    public IReadOnlyList<string> ListTopics() => [.. _state.AllTopics().Select(t => t.Name)];

    /// <summary>A snapshot of one partition: leader, replicas, ISR, log start, high watermark and log end.</summary>
    public EmbeddedPartitionInfo DescribePartition(string topic, int partition)
    {
        PartitionState state = _state.FindPartition(topic, partition) ?? throw new ArgumentException($"Partition {topic}-{partition} does not exist.");
        lock (state.Sync)
        {
            return new EmbeddedPartitionInfo(topic, partition, state.Leader, state.LeaderEpoch, [.. state.Replicas], [.. state.Isr], state.LogStartOffset, state.HighWatermark, state.LogEndOffset, state.Log.SizeInBytes, state.Log.BatchCount);
        }
    }

    /// <summary>
    /// The record batches of a partition exactly as the log holds them (with the broker's offsets written in),
    /// for tests that check what a producer sent, for example its compression. Parse them with
    /// <see cref="Protocol.RecordBatchReader"/>.
    /// </summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> ReadBatches(string topic, int partition)
    {
        PartitionState state = _state.FindPartition(topic, partition) ?? throw new ArgumentException($"Partition {topic}-{partition} does not exist.");
        lock (state.Sync)
        {
            return [.. state.Log.Batches.Select(b => new ReadOnlyMemory<byte>(b.Bytes))];
        }
    }

    /// <summary>The broker that coordinates <paramref name="groupId"/> now.</summary>
    public int CoordinatorOf(string groupId) => _state.CoordinatorFor(groupId);

    private async Task HousekeepingAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    _state.ApplyRetention();
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException or UnauthorizedAccessException)
                {
                    // Retention racing a topic deletion or a storage error: try again next tick.
                    _ = e;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Stops every broker, flushes the data directory, and releases the ports.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _housekeeping.ConfigureAwait(false);
        foreach (BrokerServer server in _servers.Values)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }

        _state.Dispose();
        _stopping.Dispose();
    }
}
