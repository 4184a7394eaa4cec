using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;
using Kafka.Client.Network.Security;
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
    private readonly ConnectionSettings _settings;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<int, PendingRequest> _pending = new();
    private readonly SemaphoreSlim _inFlight;
    private ApiVersionRange _versions = new([]);

    // Set once the socket is connected, under _sendSync, together with the move to Negotiating (OpenAsync).
    private PipeReader _input = null!;
    private PipeWriter _output = null!;
    private Task _readLoop = Task.CompletedTask;
    private Task _timeoutLoop = Task.CompletedTask;
    private int _correlationId;

    // True while the TLS handshake runs (the state is still Connecting), for the message of a timeout.
    private volatile bool _handshaking;

    private KafkaConnection(BrokerAddress address, int nodeId, ConnectionSettings settings, ILogger logger)
    {
        _socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Address = address;
        NodeId = nodeId;
        _settings = settings;
        _logger = logger;
        _inFlight = new SemaphoreSlim(settings.MaxInFlight, settings.MaxInFlight);
    }

    public BrokerAddress Address { get; }

    /// <summary>The broker's node id, or a negative number for a bootstrap connection.</summary>
    public int NodeId { get; }

    /// <summary>Opens a connection and negotiates API versions; the connection returned is <see cref="ConnectionState.Ready"/>.</summary>
    /// <exception cref="KafkaException">The broker is unreachable, or did not answer ApiVersions.</exception>
    public static async Task<KafkaConnection> ConnectAsync(
        BrokerAddress address,
        int nodeId,
        ConnectionSettings settings,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        KafkaConnection connection = Create(address, nodeId, settings, logger);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return connection;
    }

    /// <summary>A connection that is not opened yet (<see cref="ConnectionState.Connecting"/>); <see cref="OpenAsync"/> opens it.</summary>
    internal static KafkaConnection Create(BrokerAddress address, int nodeId, ConnectionSettings settings, ILogger logger) =>
        new(address, nodeId, settings, logger);

    /// <summary>
    /// Connects, negotiates API versions and moves to <see cref="ConnectionState.Ready"/>, all within
    /// <c>socket.connection.setup.timeout.ms</c>. A failure leaves the connection Broken; closing it meanwhile (by
    /// <see cref="DisposeAsync"/>) ends the attempt at once with the reason it was closed.
    /// </summary>
    /// <exception cref="KafkaException">The broker is unreachable or did not answer, or the connection was closed meanwhile.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the connection is then Closed).</exception>
    internal async Task OpenAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        timeout.CancelAfter(_settings.ConnectTimeout);
        try
        {
            try
            {
                await _socket.ConnectAsync(Address.Host, Address.Port, timeout.Token).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                throw new KafkaException(ErrorCode.NetworkException, $"Cannot connect to broker {Address}: {e.Message}", innerException: e);
            }

            Stream stream = new NetworkStream(_socket, ownsSocket: true);
            if (_settings.Security?.Tls is { } tls)
            {
                _handshaking = true;
                stream = await TlsHandshake.AuthenticateAsync(stream, Address, tls, timeout.Token).ConfigureAwait(false);
                _handshaking = false;
            }

            StartSession(stream);
            await NegotiateVersionsAsync(timeout.Token).ConfigureAwait(false);
            if (_settings.Security?.Sasl is { } sasl)
            {
                if (!TryMove(ConnectionState.Negotiating, ConnectionState.Authenticating))
                {
                    throw ClosedError();
                }

                await AuthenticateAsync(sasl, timeout.Token).ConfigureAwait(false);
            }

            if (!TryMove(_settings.Security?.Sasl is null ? ConnectionState.Negotiating : ConnectionState.Authenticating, ConnectionState.Ready))
            {
                throw ClosedError();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && !cancellationToken.IsCancellationRequested)
        {
            if (ConnectionStates.IsFinal(State))
            {
                // Closed while opening: the owner's reason, not a cancellation nobody asked for.
                throw ClosedError();
            }

            string within = $"within {_settings.ConnectTimeout.TotalMilliseconds:F0} ms (socket.connection.setup.timeout.ms)";
            string what = State switch
            {
                ConnectionState.Connecting when _handshaking => $"Broker {Address} accepted the connection but did not complete the TLS handshake {within}; is it a TLS listener?",
                ConnectionState.Connecting => $"Cannot connect to broker {Address}: no answer {within}",
                ConnectionState.Authenticating => $"Broker {Address} did not complete SASL authentication {within}",
                _ => $"Broker {Address} accepted the connection but did not answer ApiVersions {within}",
            };
            var timedOut = new KafkaException(ErrorCode.NetworkException, what, innerException: e);
            Break(timedOut);
            throw timedOut;
        }
        catch (OperationCanceledException)
        {
            End(ConnectionState.Closed, new KafkaException(ErrorCode.NetworkException, $"Connecting to broker {Address} was cancelled."));
            throw;
        }
        catch (KafkaException e)
        {
            Break(e);
            throw;
        }
    }

    /// <summary>The socket is connected (and TLS set up): the pipes over the stream and the loops start, and the connection negotiates.</summary>
    private void StartSession(Stream stream)
    {
        lock (_sendSync)
        {
            if (!TryMove(ConnectionState.Connecting, ConnectionState.Negotiating))
            {
                throw ClosedError();
            }

            _input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024));
            _output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024));
            _readLoop = ReadLoopAsync();
            _timeoutLoop = TimeoutLoopAsync();
        }
    }

    private async Task NegotiateVersionsAsync(CancellationToken cancellationToken)
    {
        short version = ApiVersionRange.ClientRange(ApiKey.ApiVersions).Max;
        for (int attempt = 0; attempt < 2; attempt++)
        {
            var request = new ApiVersionsRequest { ClientSoftwareName = ConnectionSettings.SoftwareName, ClientSoftwareVersion = ConnectionSettings.SoftwareVersion };
            ApiVersionsResponse response = await SendWithVersionAsync(request, version, cancellationToken).ConfigureAwait(false);
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
    public Task<TResponse> SendAsync<TResponse>(IKafkaRequest<TResponse> request, CancellationToken cancellationToken, TimeSpan? timeout = null)
        where TResponse : IKafkaResponse =>
        SendWithVersionAsync(request, VersionFor(request.Api), cancellationToken, timeout);

    /// <summary>
    /// Sends a request built for the negotiated version of <paramref name="api"/> (fields a version lacks are left at
    /// their defaults, as the Java client's request builders do) and returns its response.
    /// </summary>
    public Task<TResponse> SendAsync<TResponse>(ApiKey api, Func<short, IKafkaRequest<TResponse>> build, CancellationToken cancellationToken, TimeSpan? timeout = null)
        where TResponse : IKafkaResponse
    {
        short version = VersionFor(api);
        return SendWithVersionAsync(build(version), version, cancellationToken, timeout);
    }

    /// <summary>Sends a request that gets no response (Produce with acks=0); completes once it is written.</summary>
    public Task SendWithoutResponseAsync(IKafkaRequest request, short version, CancellationToken cancellationToken) =>
        QueueAsync(new PendingRequest(request, version, expectsResponse: false, timeoutMs: 0), cancellationToken);

    /// <summary>
    /// Sends a request at <paramref name="version"/> and returns its response. Requests are written in the order
    /// of the calls (the call queues the request before it returns), so a caller that must keep order, such as
    /// the producer with several batches of one partition in flight, only has to call in order.
    /// </summary>
    public async Task<TResponse> SendWithVersionAsync<TResponse>(IKafkaRequest<TResponse> request, short version, CancellationToken cancellationToken, TimeSpan? timeout = null)
        where TResponse : IKafkaResponse
    {
        var pending = new PendingRequest(request, version, expectsResponse: true, (long)(timeout ?? _settings.RequestTimeout).TotalMilliseconds);
        IKafkaResponse? response = await QueueAsync(pending, cancellationToken).ConfigureAwait(false);

        // The one cast of the client: the reader decodes the response of the request's API (KafkaApis.ReadResponse),
        // which the generated pair names, so it cannot fail.
        return (TResponse)response!;
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
}
