using Kafka.Client.Admin;
using Kafka.Client.Cluster;

namespace Kafka.Client;

/// <summary>
/// Manages topics, partitions, configs, consumer groups and offsets (as Java's <c>Admin</c> and Confluent.Kafka's
/// <c>IAdminClient</c>). Calls about several items return one result per item, each with its own error, so one
/// failing item never hides the others; <see cref="AdminResultExtensions.ThrowIfAnyFailed{T}(IReadOnlyList{T})"/>
/// turns any failure into an exception.
/// </summary>
/// <remarks>
/// Each call retries retriable errors (a moved leader, controller or group coordinator, a lost connection) with
/// exponential backoff and stops after <see cref="AdminClientOptions.DefaultApiTimeoutMs"/>: items still not done
/// then fail with <see cref="Protocol.ErrorCode.RequestTimedOut"/>. Requests go where Kafka wants them: topic
/// creation and deletion to the controller, group calls to the group's coordinator, offset lookups and record
/// deletion to each partition's leader.
/// </remarks>
/// <example>
/// <code>
/// await using var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = "localhost:9092" });
/// (await admin.CreateTopicsAsync([new TopicSpecification { Name = "orders", NumPartitions = 3, ReplicationFactor = 3 }])).ThrowIfAnyFailed();
/// </code>
/// </example>
public sealed partial class KafkaAdminClient : IAsyncDisposable
{
    /// <summary>Admin requests are independent of each other, so many may be in flight on one connection.</summary>
    private const int MaxInFlight = 100;

    private readonly KafkaCluster _cluster;
    private readonly AdminNodes _nodes;
    private readonly GroupCoordinators _transactionCoordinators;
    private readonly GroupCoordinators _coordinators;
    private readonly PartitionLeaders _leaders;
    private readonly AdminCalls _calls;
    private int _disposed;

    /// <summary>Creates an admin client; connections are opened on first use.</summary>
    /// <param name="options">The admin client's options; <see cref="ClientOptions.Validate"/> is called.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message names the Kafka property.</exception>
    public KafkaAdminClient(AdminClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _cluster = new KafkaCluster(ClusterSettingsFactory.Create(options, MaxInFlight, allowAutoCreateTopics: false));
        _nodes = new AdminNodes(_cluster);
        _coordinators = new GroupCoordinators(_nodes);
        _transactionCoordinators = new GroupCoordinators(_nodes, keyType: 1);
        _leaders = new PartitionLeaders(_cluster, _nodes);
        _calls = new AdminCalls(_cluster.Retry, options, () => _cluster.Unreachable);
    }

    /// <summary>The admin client's options.</summary>
    public AdminClientOptions Options { get; }

    /// <summary>The broker-side timeout of requests that take one (topic creation, record deletion): <c>request.timeout.ms</c>.</summary>
    private int RequestTimeoutMs => Options.RequestTimeoutMs;

    /// <summary>Closes the connections. Calls still running fail.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _cluster.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
