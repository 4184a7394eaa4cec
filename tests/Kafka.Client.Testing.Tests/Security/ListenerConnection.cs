using System.Buffers.Binary;
using System.Net.Security;
using System.Net.Sockets;
using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.Tests.Security;

/// <summary>
/// A bare Kafka connection to one listener of an embedded cluster, as <see cref="RawConnection"/> but over TLS too: TCP,
/// with a TLS handshake (trusting the cluster's CA) on SSL and SASL_SSL listeners unless the test wants to speak to the
/// TLS port in the clear. Every read is bounded by <see cref="SecureClusters.AnswerTimeout"/>, so a broker that stops
/// answering fails the test with a <see cref="TimeoutException"/> rather than hanging it.
/// </summary>
public sealed class ListenerConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private int _correlationId;

    private ListenerConnection(TcpClient client, Stream stream)
    {
        _client = client;
        Stream = stream;
    }

    /// <summary>The stream requests go over: the TLS stream on a TLS connection, else the socket's.</summary>
    public Stream Stream { get; }

    /// <summary>Connects to <paramref name="listener"/>, with the TLS handshake when the listener uses TLS.</summary>
    public static Task<ListenerConnection> OpenAsync(EmbeddedKafkaCluster cluster, string listener) =>
        OpenAsync(cluster, listener, SecureClusters.UsesTls(listener));

    /// <summary>Connects to <paramref name="listener"/>'s port without TLS, even on a TLS listener (to send it garbage).</summary>
    public static Task<ListenerConnection> OpenTcpAsync(EmbeddedKafkaCluster cluster, string listener) =>
        OpenAsync(cluster, listener, tls: false);

    private static async Task<ListenerConnection> OpenAsync(EmbeddedKafkaCluster cluster, string listener, bool tls)
    {
        (string host, int port) = SecureClusters.Endpoint(cluster, listener);
        var client = new TcpClient { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(SecureClusters.AnswerTimeout);
            await client.ConnectAsync(host, port, timeout.Token);
            Stream stream = client.GetStream();
            if (tls)
            {
                var secure = new SslStream(stream, leaveInnerStreamOpen: false);
                await secure.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = host,
                    RemoteCertificateValidationCallback = SecureClusters.TrustClusterCa(cluster),
                }, timeout.Token);
                stream = secure;
            }

            return new ListenerConnection(client, stream);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Sends a request and reads its response.</summary>
    public async Task<TResponse> SendAsync<TResponse>(IKafkaRequest request, short version)
        where TResponse : IKafkaMessage<TResponse>, IKafkaResponse
    {
        using var timeout = new CancellationTokenSource(SecureClusters.AnswerTimeout);
        try
        {
            int correlationId = await WriteAsync(request, version, timeout.Token);
            return Decode<TResponse>(await ReadFrameAsync(timeout.Token), request.Api, version, correlationId);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"No answer to {request.Api} v{version} within {SecureClusters.AnswerTimeout.TotalSeconds} s.");
        }
    }

    /// <summary>
    /// Sends a request and reads its response, or null when the broker closed the connection instead of answering (the
    /// write or the read fails, or the stream ends). A broker that neither answers nor closes fails with a timeout.
    /// </summary>
    public async Task<TResponse?> TrySendAsync<TResponse>(IKafkaRequest request, short version)
        where TResponse : class, IKafkaMessage<TResponse>, IKafkaResponse
    {
        using var timeout = new CancellationTokenSource(SecureClusters.AnswerTimeout);
        int correlationId;
        byte[] frame;
        try
        {
            correlationId = await WriteAsync(request, version, timeout.Token);
            frame = await ReadFrameAsync(timeout.Token);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or ObjectDisposedException)
        {
            return null;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"{request.Api} v{version} was neither answered nor the connection closed within {SecureClusters.AnswerTimeout.TotalSeconds} s.");
        }

        return Decode<TResponse>(frame, request.Api, version, correlationId);
    }

    /// <summary>Writes a request (its frame: size, header, body) and returns its correlation id.</summary>
    public async Task<int> WriteAsync(IKafkaRequest request, short version, CancellationToken cancellationToken = default)
    {
        int correlationId = Interlocked.Increment(ref _correlationId);
        using var buffer = new PooledBufferWriter();
        KafkaFrame.WriteRequest(buffer, request, version, correlationId, "security-fuzz");
        await Stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
        await Stream.FlushAsync(cancellationToken);
        return correlationId;
    }

    /// <summary>Writes a bare frame: the 4-byte size, then <paramref name="body"/> (a SaslHandshake v0 token, or garbage).</summary>
    public async Task WriteFrameAsync(ReadOnlyMemory<byte> body)
    {
        byte[] prefix = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(prefix, body.Length);
        await Stream.WriteAsync(prefix);
        await Stream.WriteAsync(body);
        await Stream.FlushAsync();
    }

    /// <summary>Reads one frame (without its size prefix), within <see cref="SecureClusters.AnswerTimeout"/>.</summary>
    public async Task<byte[]> ReadFrameAsync()
    {
        using var timeout = new CancellationTokenSource(SecureClusters.AnswerTimeout);
        try
        {
            return await ReadFrameAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"No frame within {SecureClusters.AnswerTimeout.TotalSeconds} s.");
        }
    }

    private async Task<byte[]> ReadFrameAsync(CancellationToken cancellationToken)
    {
        byte[] prefix = new byte[4];
        await Stream.ReadExactlyAsync(prefix, cancellationToken);
        int length = BinaryPrimitives.ReadInt32BigEndian(prefix);
        if (length is < 0 or > 64 * 1024 * 1024)
        {
            throw new InvalidOperationException($"The broker sent a frame of {length} bytes.");
        }

        byte[] frame = new byte[length];
        await Stream.ReadExactlyAsync(frame, cancellationToken);
        return frame;
    }

    private static TResponse Decode<TResponse>(byte[] frame, ApiKey api, short version, int correlationId)
        where TResponse : IKafkaMessage<TResponse>
    {
        var reader = new KafkaReader(frame.AsMemory());
        var header = KafkaFrame.ReadResponseHeader(ref reader, api, version);
        if (header.CorrelationId != correlationId)
        {
            throw new InvalidOperationException($"Expected correlation id {correlationId}, got {header.CorrelationId}.");
        }

        TResponse response = TResponse.Read(ref reader, version);
        if (reader.Remaining != 0)
        {
            throw new InvalidOperationException($"{reader.Remaining} bytes left after the response.");
        }

        return response;
    }

    /// <summary>True when the broker closed the connection (a read ends the stream or fails) within the timeout.</summary>
    /// <remarks>A byte from the broker is an answer, not a close: false.</remarks>
    public async Task<bool> IsClosedByBrokerAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            byte[] buffer = new byte[1];
            int read = await Stream.ReadAsync(buffer, cts.Token);
            return read == 0;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Stream.DisposeAsync();
        }
        catch (IOException)
        {
        }

        _client.Dispose();
    }
}
