using System.Buffers.Binary;
using System.Net.Sockets;
using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.Tests;

/// <summary>
/// A bare Kafka connection for tests: our codec over a real TCP socket, one request at a time. It lets the broker
/// tests send exactly the requests they mean, with no client logic in between.
/// </summary>
public sealed class RawConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private int _correlationId;

    private RawConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawConnection> ConnectAsync(EmbeddedKafkaCluster cluster, int brokerId)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", cluster.PortOf(brokerId));
        return new RawConnection(client);
    }

    public NetworkStream Stream => _stream;

    /// <summary>Sends a request and reads its response.</summary>
    public async Task<TResponse> SendAsync<TResponse>(IKafkaRequest request, short version, CancellationToken cancellationToken = default)
        where TResponse : IKafkaMessage<TResponse>, IKafkaResponse
    {
        int correlationId = await WriteAsync(request, version, cancellationToken);
        return await ReadAsync<TResponse>(request.Api, version, correlationId, cancellationToken);
    }

    public async Task<int> WriteAsync(IKafkaRequest request, short version, CancellationToken cancellationToken = default)
    {
        int correlationId = Interlocked.Increment(ref _correlationId);
        using var buffer = new PooledBufferWriter();
        KafkaFrame.WriteRequest(buffer, request, version, correlationId, "raw-test");
        await _stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
        return correlationId;
    }

    public async Task<TResponse> ReadAsync<TResponse>(ApiKey api, short version, int correlationId, CancellationToken cancellationToken = default)
        where TResponse : IKafkaMessage<TResponse>
    {
        byte[] prefix = new byte[4];
        await _stream.ReadExactlyAsync(prefix, cancellationToken);
        byte[] frame = new byte[BinaryPrimitives.ReadInt32BigEndian(prefix)];
        await _stream.ReadExactlyAsync(frame, cancellationToken);
        return Decode<TResponse>(frame, api, version, correlationId);
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

    /// <summary>True when the broker closed the connection (a read returns 0 bytes or fails) within the timeout.</summary>
    public async Task<bool> IsClosedByBrokerAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            byte[] buffer = new byte[1];
            int read = await _stream.ReadAsync(buffer, cts.Token);
            return read == 0;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
