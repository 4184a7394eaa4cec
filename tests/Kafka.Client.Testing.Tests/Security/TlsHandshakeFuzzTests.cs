using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests.Security;

/// <summary>What a client that does not speak TLS sends to a TLS port.</summary>
public enum TlsGarbage
{
    RandomBytes,
    PlainKafkaApiVersions,
    HttpRequest,
    TlsAlertRecord,
    ZeroBytes,
}

/// <summary>
/// The TLS listeners (SSL, SASL_SSL) over real sockets: garbage, a Kafka request in the clear, half a ClientHello, a
/// hello and then silence, a client that leaves or refuses the certificate mid-handshake. Each connection is closed by
/// the broker within its 10 s handshake limit (or released at once when the client leaves), the broker's connection
/// count returns to where it was, and a proper TLS client is served meanwhile. The tests share one cluster and count
/// its connections, so they run one at a time (the fixture runs beside the others).
/// </summary>
[Parallelizable(ParallelScope.Self)]
public class TlsHandshakeFuzzTests
{
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(3);

    private EmbeddedKafkaCluster _cluster = null!;

    public static IEnumerable<string> TlsListeners => SecureClusters.TlsListeners;

    [OneTimeSetUp]
    public async Task StartClusterAsync() => _cluster = await SecureClusters.StartAsync();

    [OneTimeTearDown]
    public async Task StopClusterAsync() => await _cluster.DisposeAsync();

    [SetUp]
    public async Task NoConnectionLeftAsync() =>
        Assert.That(await SecureClusters.WaitForConnectionCountAsync(_cluster, 0, ReleaseTimeout), Is.Zero, "the previous test left a connection open on the broker");

    private async Task AssertReleasedAsync(string what) =>
        Assert.That(await SecureClusters.WaitForConnectionCountAsync(_cluster, 0, ReleaseTimeout), Is.Zero, $"the broker still holds a connection after {what}");

    private static byte[] GarbageOf(TlsGarbage kind)
    {
        switch (kind)
        {
            case TlsGarbage.RandomBytes:
                byte[] random = new byte[512];
                new Random(5).NextBytes(random);
                return random;
            case TlsGarbage.PlainKafkaApiVersions:
                using (var buffer = new PooledBufferWriter())
                {
                    KafkaFrame.WriteRequest(buffer, new ApiVersionsRequest(), 0, 1, "plain-on-tls");
                    return buffer.WrittenMemory.ToArray();
                }

            case TlsGarbage.HttpRequest:
                return Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
            case TlsGarbage.TlsAlertRecord:
                // An alert record (fatal, handshake_failure) where the ClientHello should be.
                return [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28];
            case TlsGarbage.ZeroBytes:
                return new byte[64];
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>Reads (and drops) what the broker sends until it closes the connection; false if it has not within the timeout.</summary>
    private static async Task<bool> ClosedByBrokerWithinAsync(Stream stream, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        byte[] buffer = new byte[4096];
        try
        {
            while (await stream.ReadAsync(buffer, cts.Token) > 0)
            {
            }

            return true;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [Test]
    public async Task Garbage_instead_of_a_ClientHello_closes_the_connection_and_releases_it(
        [ValueSource(nameof(TlsListeners))] string listener, [Values] TlsGarbage kind)
    {
        await using (ListenerConnection client = await ListenerConnection.OpenTcpAsync(_cluster, listener))
        {
            await client.Stream.WriteAsync(GarbageOf(kind));
            Assert.That(await ClosedByBrokerWithinAsync(client.Stream, SecureClusters.TlsCloseTimeout), Is.True,
                $"{kind} on the {listener} port is closed by the broker within its TLS handshake limit");
        }

        await AssertReleasedAsync(kind.ToString());
    }

    /// <summary>
    /// Connections stuck in the handshake (half a ClientHello, a record header and a few bytes, a whole hello and then
    /// silence) on both TLS listeners: proper clients are served while they wait, and the broker drops them at its
    /// handshake limit.
    /// </summary>
    [Test]
    public async Task Stalled_handshakes_are_dropped_at_the_handshake_limit_while_proper_clients_are_served()
    {
        byte[] hello = await TlsClientHello.BytesAsync();
        byte[][] stalls =
        [
            hello[..20],
            [0x16, 0x03, 0x01, 0x00, 0xC8, 0x01, 0x00, 0x00, 0xC4, 0x03],
            hello,
        ];

        var watch = Stopwatch.StartNew();
        var stalled = new List<ListenerConnection>();
        try
        {
            foreach (string listener in SecureClusters.TlsListeners)
            {
                foreach (byte[] stall in stalls)
                {
                    ListenerConnection connection = await ListenerConnection.OpenTcpAsync(_cluster, listener);
                    stalled.Add(connection);
                    await connection.Stream.WriteAsync(stall);
                }
            }

            foreach (string listener in SecureClusters.TlsListeners)
            {
                await SecureClusters.AssertGoodClientServedAsync(_cluster, listener);
            }

            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "proper clients are served at once while handshakes stall");
            Assert.That(await SecureClusters.WaitForConnectionCountAsync(_cluster, stalled.Count, ReleaseTimeout), Is.EqualTo(stalled.Count),
                "the proper clients are released and the broker still waits on the stalled handshakes");

            TimeSpan left = SecureClusters.TlsCloseTimeout - watch.Elapsed;
            bool[] closed = await Task.WhenAll(stalled.Select(c => ClosedByBrokerWithinAsync(c.Stream, left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1))));
            Assert.That(closed, Is.All.True, $"every stalled handshake is closed by the broker within {SecureClusters.TlsCloseTimeout.TotalSeconds} s (after {watch.Elapsed.TotalSeconds:F1} s)");
            TestContext.Out.WriteLine($"stalled handshakes closed after {watch.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            foreach (ListenerConnection connection in stalled)
            {
                await connection.DisposeAsync();
            }
        }

        await AssertReleasedAsync("the stalled handshakes");
    }

    [Test]
    public async Task A_client_that_leaves_mid_handshake_is_released_at_once([ValueSource(nameof(TlsListeners))] string listener)
    {
        byte[] hello = await TlsClientHello.BytesAsync();
        await using (ListenerConnection client = await ListenerConnection.OpenTcpAsync(_cluster, listener))
        {
            await client.Stream.WriteAsync(hello.AsMemory(0, 20));
            Assert.That(await SecureClusters.WaitForConnectionCountAsync(_cluster, 1, ReleaseTimeout), Is.EqualTo(1));
        }

        // Well before the 10 s limit: the broker sees the end of the stream.
        await AssertReleasedAsync("the client left mid-handshake");
    }

    [Test]
    public async Task A_client_that_refuses_the_broker_certificate_is_released([ValueSource(nameof(TlsListeners))] string listener)
    {
        (string host, int port) = SecureClusters.Endpoint(_cluster, listener);
        using (var tcp = new TcpClient { NoDelay = true })
        {
            await tcp.ConnectAsync(host, port);
            await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            var options = new SslClientAuthenticationOptions { TargetHost = host, RemoteCertificateValidationCallback = (_, _, _, _) => false };
            Assert.That(async () => await tls.AuthenticateAsClientAsync(options).WaitAsync(SecureClusters.AnswerTimeout), Throws.InstanceOf<AuthenticationException>());
        }

        await AssertReleasedAsync("the client refused the certificate");
    }

    [Test]
    public async Task Garbage_after_a_completed_handshake_closes_the_connection([ValueSource(nameof(TlsListeners))] string listener, [Values(0, 1)] int kind)
    {
        await using (ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener))
        {
            byte[] garbage = new byte[256];
            new Random(9 + kind).NextBytes(garbage);
            // 0: a negative size prefix; 1: a size-prefixed frame of random bytes (its API key and version random).
            BinaryPrimitives.WriteInt32BigEndian(garbage, kind == 0 ? -5 : garbage.Length - 4);
            await client.Stream.WriteAsync(garbage);
            await client.Stream.FlushAsync();
            Assert.That(await client.IsClosedByBrokerAsync(SecureClusters.AnswerTimeout), Is.True);
        }

        await AssertReleasedAsync("garbage inside TLS");
    }

    [Test]
    public async Task A_proper_TLS_client_is_served_and_released_when_it_leaves([ValueSource(nameof(TlsListeners))] string listener)
    {
        await using (ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener))
        {
            var versions = await client.SendAsync<ApiVersionsResponse>(new ApiVersionsRequest(), 0);
            Assert.That((ErrorCode)versions.ErrorCode, Is.EqualTo(ErrorCode.None));
            Assert.That(versions.ApiKeys, Is.Not.Empty);
            Assert.That(_cluster.ConnectionCount(_cluster.BrokerIds[0]), Is.EqualTo(1));
        }

        await AssertReleasedAsync("a proper client left");
    }
}
