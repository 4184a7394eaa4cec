using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace Kafka.Client.Network;

/// <summary>
/// One TCP connection to one broker: requests are pipelined (correlation ids, at most
/// <see cref="ConnectionSettings.MaxInFlight"/> in flight), each request uses the highest version both sides
/// speak, and a request that outlives <see cref="ConnectionSettings.RequestTimeout"/> closes the connection
/// (as the Java client does), failing everything in flight with a retriable error.
/// </summary>
internal sealed partial class KafkaConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly ConnectionSettings _settings;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<int, PendingRequest> _pending = new();
    private readonly SemaphoreSlim _inFlight;
    private readonly CancellationTokenSource _closed = new();
    private readonly TaskCompletionSource _closedTask = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ApiVersionRange _versions = new([]);
    private Task _readLoop = Task.CompletedTask;
    private Task _timeoutLoop = Task.CompletedTask;
    private int _correlationId;
    private int _closing;
    private Exception? _closeReason;

    private KafkaConnection(Socket socket, BrokerAddress address, int nodeId, ConnectionSettings settings, ILogger logger)
    {
        _socket = socket;
        Address = address;
        NodeId = nodeId;
        _settings = settings;
        _logger = logger;
        _inFlight = new SemaphoreSlim(settings.MaxInFlight, settings.MaxInFlight);
        var stream = new NetworkStream(socket, ownsSocket: true);
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024));
        _output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024));
    }

    public BrokerAddress Address { get; }

    /// <summary>The broker's node id, or a negative number for a bootstrap connection.</summary>
    public int NodeId { get; }

    /// <summary>False once the connection closed for any reason.</summary>
    public bool IsOpen => Volatile.Read(ref _closing) == 0;

    /// <summary>Completes when the connection closes.</summary>
    public Task Closed => _closedTask.Task;

    /// <summary>Opens a connection and negotiates API versions.</summary>
    /// <exception cref="KafkaException">The broker is unreachable, or did not answer ApiVersions.</exception>
    public static async Task<KafkaConnection> ConnectAsync(
        BrokerAddress address,
        int nodeId,
        ConnectionSettings settings,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(address.Host, address.Port, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new KafkaException(ErrorCode.NetworkException, $"Cannot connect to broker {address}: {(e is OperationCanceledException ? $"no answer within {settings.ConnectTimeout.TotalMilliseconds:F0} ms" : e.Message)}", innerException: e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new KafkaConnection(socket, address, nodeId, settings, logger);
        connection._readLoop = connection.ReadLoopAsync();
        connection._timeoutLoop = connection.TimeoutLoopAsync();
        try
        {
            await connection.NegotiateVersionsAsync(timeout.Token).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return connection;
    }

    private async Task NegotiateVersionsAsync(CancellationToken cancellationToken)
    {
        short version = ApiVersionRange.ClientRange(ApiKey.ApiVersions).Max;
        for (int attempt = 0; attempt < 2; attempt++)
        {
            var request = new ApiVersionsRequest { ClientSoftwareName = ConnectionSettings.SoftwareName, ClientSoftwareVersion = ConnectionSettings.SoftwareVersion };
            var response = (ApiVersionsResponse)await SendWithVersionAsync(request, version, cancellationToken).ConfigureAwait(false);
            if ((ErrorCode)response.ErrorCode == ErrorCode.UnsupportedVersion)
            {
                // The broker answered with v0 and the versions it speaks; retry with its highest (NetworkClient.java).
                ApiVersionsResponse.ApiVersion? own = response.ApiKeys.Find(k => k.ApiKey == (short)ApiKey.ApiVersions);
                version = Math.Min(version, own?.MaxVersion ?? (short)0);
                continue;
            }

            if ((ErrorCode)response.ErrorCode != ErrorCode.None)
            {
                throw new KafkaException((ErrorCode)response.ErrorCode, $"Broker {Address} refused ApiVersions: {(ErrorCode)response.ErrorCode}.");
            }

            _versions = new ApiVersionRange(response.ApiKeys.Select(k => (k.ApiKey, k.MinVersion, k.MaxVersion)));
            return;
        }

        throw new KafkaException(ErrorCode.UnsupportedVersion, $"Broker {Address} does not support any ApiVersions version this client speaks.");
    }

    /// <summary>The version to use for <paramref name="api"/>: the highest both sides speak.</summary>
    /// <exception cref="KafkaException">The broker does not support the API at any version this client speaks.</exception>
    public short VersionFor(ApiKey api)
    {
        short version = _versions.Negotiate(api);
        if (version < 0)
        {
            var (min, max) = ApiVersionRange.ClientRange(api);
            short brokerMax = _versions.BrokerMax(api);
            string broker = brokerMax < 0 ? "does not offer it at all" : $"speaks v{_versions.BrokerMin(api)}-v{brokerMax}";
            string why = brokerMax >= 0 && brokerMax < min
                ? $"the broker is older than this client supports ({ClientApiVersions.OldestBroker} or newer is needed)"
                : "the broker is too old for this feature";
            throw new KafkaException(ErrorCode.UnsupportedVersion, $"Broker {Address} cannot serve {api}: this client speaks v{min}-v{max} and the broker {broker}; {why}.");
        }

        return version;
    }

    /// <summary>True when the broker supports <paramref name="api"/> at some version this client speaks.</summary>
    public bool Supports(ApiKey api) => _versions.Negotiate(api) >= 0;

    /// <summary>Sends a request at the negotiated version and returns its response.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the wait (the response, if it comes, is dropped).</param>
    /// <param name="timeout">
    /// How long the broker may take to answer before the connection is closed; null for <c>request.timeout.ms</c>.
    /// Requests the broker holds on purpose (JoinGroup waits up to the rebalance timeout) need more.
    /// </param>
    public async Task<TResponse> SendAsync<TResponse>(IKafkaRequest request, CancellationToken cancellationToken, TimeSpan? timeout = null)
        where TResponse : IKafkaResponse
    {
        IKafkaResponse response = await SendWithVersionAsync(request, VersionFor(request.Api), cancellationToken, timeout).ConfigureAwait(false);
        return (TResponse)response;
    }

    /// <summary>
    /// Sends a request built for the negotiated version of <paramref name="api"/> (fields a version lacks are left at
    /// their defaults, as the Java client's request builders do) and returns its response.
    /// </summary>
    public async Task<TResponse> SendAsync<TResponse>(ApiKey api, Func<short, IKafkaRequest> build, CancellationToken cancellationToken, TimeSpan? timeout = null)
        where TResponse : IKafkaResponse
    {
        short version = VersionFor(api);
        IKafkaResponse response = await SendWithVersionAsync(build(version), version, cancellationToken, timeout).ConfigureAwait(false);
        return (TResponse)response;
    }

    /// <summary>Sends a request that gets no response (Produce with acks=0); completes once it is written.</summary>
    public Task SendWithoutResponseAsync(IKafkaRequest request, short version, CancellationToken cancellationToken) =>
        QueueAsync(new PendingRequest(request, version, expectsResponse: false, timeoutMs: 0), cancellationToken);

    /// <summary>
    /// Sends a request at <paramref name="version"/> and returns its response. Requests are written in the order
    /// of the calls (the call queues the request before it returns), so a caller that must keep order, such as
    /// the producer with several batches of one partition in flight, only has to call in order.
    /// </summary>
    public async Task<IKafkaResponse> SendWithVersionAsync(IKafkaRequest request, short version, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var pending = new PendingRequest(request, version, expectsResponse: true, (long)(timeout ?? _settings.RequestTimeout).TotalMilliseconds);
        IKafkaResponse? response = await QueueAsync(pending, cancellationToken).ConfigureAwait(false);
        return response!;
    }

    /// <summary>Queues a request to be written and waits for its outcome; the token's registration ends with the wait.</summary>
    private async Task<IKafkaResponse?> QueueAsync(PendingRequest pending, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using CancellationTokenRegistration registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static (state, token) =>
            {
                var (connection, cancelled) = ((KafkaConnection, PendingRequest))state!;
                connection.Abandon(cancelled);
                cancelled.TrySetCanceled(token);
            }, (this, pending))
            : default;
        Enqueue(pending);
        return await pending.Task.ConfigureAwait(false);
    }

    /// <summary>A request whose caller gave up: if it was written, it no longer holds an in-flight slot.</summary>
    private void Abandon(PendingRequest pending)
    {
        int correlationId = pending.CorrelationId;
        if (correlationId >= 0)
        {
            Complete(correlationId);
        }
    }

    /// <summary>Removes a pending request and frees its in-flight slot; returns it, or null if someone else did.</summary>
    private PendingRequest? Complete(int correlationId)
    {
        if (!_pending.TryRemove(correlationId, out PendingRequest? pending))
        {
            return null;
        }

        _inFlight.Release();
        return pending;
    }

    private void ThrowIfClosed()
    {
        if (Volatile.Read(ref _closing) != 0)
        {
            throw _closeReason as KafkaException
                ?? new KafkaException(ErrorCode.NetworkException, $"The connection to broker {Address} is closed.", innerException: _closeReason);
        }
    }
}
