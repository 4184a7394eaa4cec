using Kafka.Client.Cluster;
using Kafka.Client.Producing;
using Kafka.Client.Producing.Partitioning;
using Kafka.Client.Producing.Transactions;
using Kafka.Client.Protocol;
using Microsoft.Extensions.Logging;

namespace Kafka.Client;

/// <summary>
/// Produces messages to Kafka: batches them per partition, compresses, sends batches for the same broker in one
/// request, retries until <c>delivery.timeout.ms</c>, and (by default, as the Java client) is idempotent, so
/// retries never write a message twice.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
/// <example>
/// <code>
/// await using var producer = new KafkaProducer&lt;string, string&gt;(new ProducerOptions { BootstrapServers = "localhost:9092" });
/// DeliveryResult&lt;string, string&gt; result = await producer.ProduceAsync("orders", new Message&lt;string, string&gt; { Key = "42", Value = "hello" });
/// </code>
/// </example>
public sealed partial class KafkaProducer<TKey, TValue> : IAsyncDisposable
{
    private readonly ProducerOptions _options;
    private readonly ProducerSettings _settings;
    private readonly KafkaCluster _cluster;
    private readonly RecordAccumulator _accumulator;
    private readonly MemoryBudget _memory;
    private readonly ProducerSender _sender;
    private readonly ISerializer<TKey>? _keySerializer;
    private readonly ISerializer<TValue>? _valueSerializer;
    private readonly IAsyncSerializer<TKey>? _asyncKeySerializer;
    private readonly IAsyncSerializer<TValue>? _asyncValueSerializer;
    private readonly DeliveryPool<TKey, TValue> _deliveries = new();
    private readonly PartitionChooser _partitions;
    private readonly ILogger _logger;
    private readonly Lock _deferredSync = new();
    private readonly Queue<DeferredSend> _deferred = new();
    private int _disposed;

    /// <summary>Creates a producer; connections are opened on first use.</summary>
    /// <param name="options">The producer's options; <see cref="ClientOptions.Validate"/> is called.</param>
    /// <param name="keySerializer">The key serializer, or null for the built-in one of <typeparamref name="TKey"/>.</param>
    /// <param name="valueSerializer">The value serializer, or null for the built-in one of <typeparamref name="TValue"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names the Kafka property.</exception>
    /// <exception cref="InvalidOperationException">There is no built-in serializer for a type and none was given.</exception>
    public KafkaProducer(ProducerOptions options, ISerializer<TKey>? keySerializer = null, ISerializer<TValue>? valueSerializer = null)
        : this(options, keySerializer ?? Serializers.GetDefault<TKey>(), valueSerializer ?? Serializers.GetDefault<TValue>(), null, null)
    {
    }

    /// <summary>
    /// Creates a producer with asynchronous serializers (for example one that looks a schema up in a registry).
    /// Messages keep their order: one whose serialization has not completed holds back those produced after it.
    /// </summary>
    /// <param name="options">The producer's options; <see cref="ClientOptions.Validate"/> is called.</param>
    /// <param name="keySerializer">The key serializer, or null for the built-in one of <typeparamref name="TKey"/>.</param>
    /// <param name="valueSerializer">The value serializer, or null for the built-in one of <typeparamref name="TValue"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names the Kafka property.</exception>
    /// <exception cref="InvalidOperationException">There is no built-in serializer for a type and none was given.</exception>
    public KafkaProducer(ProducerOptions options, IAsyncSerializer<TKey>? keySerializer, IAsyncSerializer<TValue>? valueSerializer)
        : this(options, keySerializer is null ? Serializers.GetDefault<TKey>() : null, valueSerializer is null ? Serializers.GetDefault<TValue>() : null, keySerializer, valueSerializer)
    {
    }

    private KafkaProducer(ProducerOptions options, ISerializer<TKey>? keySerializer, ISerializer<TValue>? valueSerializer, IAsyncSerializer<TKey>? asyncKeySerializer, IAsyncSerializer<TValue>? asyncValueSerializer)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _keySerializer = keySerializer;
        _valueSerializer = valueSerializer;
        _asyncKeySerializer = asyncKeySerializer;
        _asyncValueSerializer = asyncValueSerializer;
        bool idempotent = options.IdempotenceEnabled;
        _settings = new ProducerSettings(
            Acks: (short)options.Acks,
            BatchSize: Math.Max(1, options.BatchSize),
            Linger: TimeSpan.FromMilliseconds(options.LingerMs),
            Compression: ToCodec(options.CompressionType),
            CompressionLevel: options.CompressionLevel,
            MaxRequestSize: options.MaxRequestSize,
            BufferMemory: options.BufferMemory,
            MaxBlock: TimeSpan.FromMilliseconds(options.MaxBlockMs),
            DeliveryTimeout: TimeSpan.FromMilliseconds(options.EffectiveDeliveryTimeoutMs),
            RequestTimeout: TimeSpan.FromMilliseconds(options.RequestTimeoutMs),
            RetryBackoff: TimeSpan.FromMilliseconds(Math.Max(1, options.RetryBackoffMs)),
            RetryBackoffMax: TimeSpan.FromMilliseconds(Math.Max(options.RetryBackoffMs, options.RetryBackoffMaxMs)),
            Idempotence: idempotent,
            MaxInFlightPerPartition: Math.Max(1, options.MaxInFlightRequestsPerConnection),
            Transactional: options.TransactionalId is not null);
        _cluster = new KafkaCluster(ClusterSettingsFactory.Create(options, Math.Max(options.MaxInFlightRequestsPerConnection, 5), allowAutoCreateTopics: true));
        _logger = _cluster.Settings.LoggerFactory.CreateLogger("Kafka.Client.Producer");
        _accumulator = new RecordAccumulator(_settings);
        _memory = new MemoryBudget(options.BufferMemory);
        _sender = new ProducerSender(_cluster, _accumulator, _memory, _logger, options.TransactionalId is { } transactionalId
            ? (idempotence, resetSequences) => new TransactionManager(_cluster, idempotence, transactionalId, options.TransactionTimeoutMs, _settings.MaxBlock, resetSequences)
            : null);
        _partitions = new PartitionChooser(options, _settings.BatchSize);
    }

    /// <summary>The producer's options.</summary>
    public ProducerOptions Options => _options;

    private static CompressionCodec ToCodec(CompressionType type) => type switch
    {
        CompressionType.Gzip => CompressionCodec.Gzip,
        CompressionType.Snappy => CompressionCodec.Snappy,
        CompressionType.Lz4 => CompressionCodec.Lz4,
        CompressionType.Zstd => CompressionCodec.Zstd,
        _ => CompressionCodec.None,
    };

    /// <summary>
    /// Sends every message produced so far without waiting for <c>linger.ms</c>, and completes when each was
    /// acknowledged or failed.
    /// </summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _accumulator.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Flushes (for at most <c>delivery.timeout.ms</c>), ends a transaction left open (aborts it, or completes a commit that timed out), then closes the connections.
    /// Messages still not delivered fail with an error.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(_settings.DeliveryTimeout);
            await _accumulator.FlushAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await EndOpenTransactionAsync().ConfigureAwait(false);
        await _sender.DisposeAsync().ConfigureAwait(false);
        FailEverythingLeft();
        await _cluster.DisposeAsync().ConfigureAwait(false);
    }

    private void FailEverythingLeft()
    {
        var closed = new KafkaException(ErrorCode.NetworkException, "The producer was closed before the message was delivered.");
        _accumulator.Close();
        foreach (PartitionQueue queue in _accumulator.Queues)
        {
            List<ProducerBatch> left;
            lock (queue.Sync)
            {
                left = queue.Shutdown();
            }

            // Reported after the lock (callbacks are the user's code); the bytes of a batch that may sit in a
            // request still queued on a connection are not reused.
            foreach (ProducerBatch batch in left)
            {
                if (batch.TryClaim())
                {
                    batch.Fail(closed, _accumulator, reuseBytes: false);
                    _memory.Release(batch.Memory);
                }
            }
        }
    }
}
