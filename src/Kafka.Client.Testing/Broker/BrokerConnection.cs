using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.ComponentModel;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Security;

namespace Kafka.Client.Testing.Broker;

/// <summary>
/// One client connection: reads size-prefixed frames, answers them one at a time in order (as a Kafka broker does),
/// and closes the connection with a logged reason on malformed or oversized frames.
/// </summary>
internal sealed class BrokerConnection : IAsyncDisposable
{
    private readonly BrokerServer _broker;
    private readonly Socket _socket;
    private readonly int _listenerIndex;
    private Stream _stream;
    private PipeReader _input = null!;
    private PipeWriter _output = null!;
    private ConnectionSession _session = null!;
    // Not disposed: RunAsync may still hold a token linked to it when the connection is dropped.
    private readonly CancellationTokenSource _closed = new();
    private readonly string _remote;
    private int _disposed;

    public BrokerConnection(BrokerServer broker, Socket socket, int listenerIndex)
    {
        _broker = broker;
        _socket = socket;
        _listenerIndex = listenerIndex;
        _remote = socket.RemoteEndPoint?.ToString() ?? "?";
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>
    /// Sets the connection up on its listener: the TLS handshake on SSL and SASL_SSL listeners (bounded, so a client that
    /// says nothing or garbage is dropped), then the pipes. False when the connection must close.
    /// </summary>
    private async Task<bool> OpenAsync(CancellationToken cancellationToken)
    {
        BrokerListener listener = _broker.Cluster.Listeners[_listenerIndex];
        string principal = TlsServerHandshake.Anonymous;
        if (listener.UsesTls)
        {
            using var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            handshake.CancelAfter(TlsHandshakeTimeout);
            // ssl.client.auth applies to SSL listeners; a SASL_SSL client authenticates with SASL (KIP-684: Kafka asks a
            // SASL_SSL client for a certificate only when the listener-prefixed setting says so).
            SslClientAuthentication clientAuth = listener.Protocol == ListenerProtocol.Ssl ? _broker.Cluster.Security.ClientAuth : SslClientAuthentication.None;
            try
            {
                (SslStream tls, principal) = await TlsServerHandshake.AcceptAsync(_stream, _broker.Cluster.Security, clientAuth, handshake.Token).ConfigureAwait(false);
                _stream = tls;
            }
            catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException or ObjectDisposedException or Win32Exception)
            {
                string why = e is OperationCanceledException && !cancellationToken.IsCancellationRequested ? $"no TLS handshake within {TlsHandshakeTimeout.TotalSeconds:F0} s" : $"TLS handshake failed: {e.Message}";
                LogMessages.ClosedBadConnection(_broker.Logger, _broker.Id, _remote, why);
                return false;
            }
        }

        _session = new ConnectionSession(_listenerIndex, listener, principal);
        _input = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024));
        _output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024));
        return true;
    }

    private static readonly TimeSpan TlsHandshakeTimeout = TimeSpan.FromSeconds(10);

    private string ClientHost => "/" + (_remote.LastIndexOf(':') is > 0 and int colon ? _remote[..colon] : _remote);

    public async Task RunAsync(CancellationToken brokerStopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(brokerStopping, _closed.Token);
        CancellationToken cancellationToken = linked.Token;
        if (!await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            while (true)
            {
                ReadResult result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
                ReadOnlySequence<byte> buffer = result.Buffer;
                while (KafkaFrame.TryReadLength(buffer, _session.MaxFrameSize(_broker.Cluster.Options.MaxRequestSize), out int length)
                    && buffer.Length >= KafkaFrame.LengthPrefixSize + length)
                {
                    ReadOnlySequence<byte> frame = buffer.Slice(KafkaFrame.LengthPrefixSize, length);
                    if (!await HandleFrameAsync(frame, cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }

                    buffer = buffer.Slice(KafkaFrame.LengthPrefixSize + length);
                }

                _input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    LogMessages.ConnectionEnded(_broker.Logger, _broker.Id, _remote);
                    return;
                }
            }
        }
        catch (KafkaProtocolException e)
        {
            LogMessages.ClosedBadConnection(_broker.Logger, _broker.Id, _remote, e.Message);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException or AuthenticationException)
        {
            LogMessages.ConnectionEnded(_broker.Logger, _broker.Id, _remote);
        }
        finally
        {
            await CompleteQuietlyAsync().ConfigureAwait(false);
        }
    }

    private async Task CompleteQuietlyAsync()
    {
        if (_input is null)
        {
            return;
        }

        try
        {
            await _input.CompleteAsync().ConfigureAwait(false);
            await _output.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    /// <summary>Answers one request; returns false when the connection must close.</summary>
    private async ValueTask<bool> HandleFrameAsync(ReadOnlySequence<byte> frame, CancellationToken cancellationToken)
    {
        byte[]? rented = null;
        ReadOnlyMemory<byte> memory;
        if (frame.IsSingleSegment)
        {
            memory = frame.First;
        }
        else
        {
            rented = ArrayPool<byte>.Shared.Rent((int)frame.Length);
            frame.CopyTo(rented);
            memory = rented.AsMemory(0, (int)frame.Length);
        }

        try
        {
            return await DispatchAsync(memory, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private async ValueTask<bool> DispatchAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        if (_session.ExpectsRawTokens)
        {
            return await AnswerRawTokenAsync(frame, cancellationToken).ConfigureAwait(false);
        }

        RequestHeader header;
        IKafkaRequest request;
        IApiHandler? handler;
        ApiKey api;
        bool keep = _broker.Cluster.Options.KeepRecentRequests;
        if (keep)
        {
            // A kept request must not hold slices of the frame buffer, which is reused: decode a private copy.
            frame = frame.ToArray();
        }

        {
            var reader = new KafkaReader(frame);
            header = KafkaFrame.ReadRequestHeader(ref reader);
            api = (ApiKey)header.RequestApiKey;
            short version = header.RequestApiVersion;
            if (!_broker.Router.TryGet(api, out handler))
            {
                LogMessages.ClosedBadConnection(_broker.Logger, _broker.Id, _remote, $"API key {header.RequestApiKey} is not served by this broker");
                return false;
            }

            if (version < _broker.Router.MinVersion(handler) || version > _broker.Router.MaxVersion(handler))
            {
                if (api == ApiKey.ApiVersions)
                {
                    // KIP-511: answer an unknown ApiVersions version with v0 and the versions we do support.
                    await WriteAsync(Handlers.ApiVersionsHandler.Unsupported(_broker.Router), 0, header.CorrelationId, cancellationToken).ConfigureAwait(false);
                    return true;
                }

                LogMessages.ClosedBadConnection(_broker.Logger, _broker.Id, _remote, $"{api} v{version} is not supported");
                return false;
            }

            if (!_session.MayServe(api))
            {
                // Kafka's SaslServerAuthenticator: before authentication (or after the session expired) anything but the
                // SASL requests closes the connection.
                LogMessages.ClosedBadConnection(_broker.Logger, _broker.Id, _remote, _session.IsAuthenticated
                    ? $"{api} after the SASL session expired (connections.max.reauth.ms) without re-authentication"
                    : $"{api} before SASL authentication on the {_session.Listener.Name} listener");
                return false;
            }

            request = KafkaApis.ReadRequest(api, ref reader, version);
            if (keep)
            {
                _broker.Cluster.Requests.Record(api, request, version);
            }
        }

        TimeSpan held = _broker.Faults.DelayFor(_broker.Id, api, beforeHandling: true);
        if (held > TimeSpan.Zero)
        {
            await Task.Delay(held, cancellationToken).ConfigureAwait(false);
        }

        var context = new RequestContext(_broker, header, ClientHost, _broker.Faults.Take(_broker.Id, api), _session);
        IKafkaResponse? response;
        try
        {
            response = await handler.HandleAsync(context, request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogMessages.HandlerFailed(_broker.Logger, e, _broker.Id, api.ToString(), header.RequestApiVersion, _remote);
            return false;
        }

        TimeSpan delay = _broker.Faults.DelayFor(_broker.Id, api);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        if (response is not null && _broker.Faults.TakeTruncation(_broker.Id, api))
        {
            await WriteTruncatedAsync(header.CorrelationId, cancellationToken).ConfigureAwait(false);
        }
        else if (response is not null)
        {
            await WriteAsync(response, header.RequestApiVersion, header.CorrelationId, cancellationToken).ConfigureAwait(false);
        }

        return !_session.CloseAfterResponse;
    }

    /// <summary>A response frame that holds only the correlation id: a well-framed answer no client can decode.</summary>
    /// <summary>
    /// One step of an exchange a SaslHandshake v0 began: the frame is the client's token, the answer a bare frame of the
    /// server's. A failure closes the connection without an answer, as Kafka's <c>SaslServerAuthenticator</c> does in
    /// this flow, which has no error field.
    /// </summary>
    private async ValueTask<bool> AnswerRawTokenAsync(ReadOnlyMemory<byte> token, CancellationToken cancellationToken)
    {
        ISaslServer exchange = _session.Exchange!;
        byte[] answer;
        try
        {
            answer = exchange.Evaluate(token.Span);
        }
        catch (SaslFailure failure)
        {
            LogMessages.ClosedBadConnection(_broker.Logger, _broker.Id, _remote, $"SASL {_session.Mechanism} authentication failed: {failure.Message}");
            return false;
        }

        if (exchange.IsComplete && _session.ReauthenticationRefusal(exchange.User!, _session.Mechanism!) is { } refusal)
        {
            LogMessages.ClosedBadConnection(_broker.Logger, _broker.Id, _remote, refusal);
            return false;
        }

        if (exchange.IsComplete)
        {
            _session.Authenticated(exchange.User!, _broker.Cluster.Security.SessionLifetimeFor(exchange));
        }

        Span<byte> length = _output.GetSpan(KafkaFrame.LengthPrefixSize);
        BinaryPrimitives.WriteInt32BigEndian(length, answer.Length);
        _output.Advance(KafkaFrame.LengthPrefixSize);
        _output.Write(answer);
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async ValueTask WriteTruncatedAsync(int correlationId, CancellationToken cancellationToken)
    {
        Span<byte> frame = _output.GetSpan(8);
        BinaryPrimitives.WriteInt32BigEndian(frame, 4);
        BinaryPrimitives.WriteInt32BigEndian(frame[4..], correlationId);
        _output.Advance(8);
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask WriteAsync(IKafkaResponse response, short version, int correlationId, CancellationToken cancellationToken)
    {
        KafkaFrame.WriteResponse(_output, response, version, correlationId);
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _closed.CancelAsync().ConfigureAwait(false);
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
