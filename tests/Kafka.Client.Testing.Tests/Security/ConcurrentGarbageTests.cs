using System.Buffers.Binary;
using System.Collections.Concurrent;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests.Security;

/// <summary>
/// Many garbage connections at once on the SASL and TLS listeners, over real sockets: every one the broker must refuse
/// is closed, every one the client abandons is released, the broker's connection count returns to zero, no connection
/// task of the broker dies of an exception it did not handle, and good clients are served afterwards. The tests count
/// the connections of their own cluster, so they run one at a time (the fixture runs beside the others).
/// </summary>
[Parallelizable(ParallelScope.Self)]
public class ConcurrentGarbageTests
{
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentQueue<Exception> _brokerFaults = new();
    private EmbeddedKafkaCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task StartClusterAsync()
    {
        TaskScheduler.UnobservedTaskException += OnUnobserved;
        _cluster = await SecureClusters.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopClusterAsync()
    {
        TaskScheduler.UnobservedTaskException -= OnUnobserved;
        await _cluster.DisposeAsync();
    }

    private void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
    {
        // Only the broker's own tasks: a connection task that faulted is an exception the broker did not handle.
        if (e.Exception.ToString().Contains("Kafka.Client.Testing.Broker", StringComparison.Ordinal))
        {
            _brokerFaults.Enqueue(e.Exception);
        }
    }

    [SetUp]
    public async Task NoConnectionLeftAsync() =>
        Assert.That(await SecureClusters.WaitForConnectionCountAsync(_cluster, 0, ReleaseTimeout), Is.Zero, "the previous test left a connection open on the broker");

    private const int Kinds = 13;

    /// <summary>
    /// One garbage connection of kind <paramref name="i"/> % <see cref="Kinds"/>; returns null when it went as it must, or
    /// what went wrong.
    /// </summary>
    private async Task<string?> GarbageAsync(int i)
    {
        var random = new Random(i);
        string saslListener = SecureClusters.SaslListeners[i / Kinds % 2];
        string tlsListener = SecureClusters.TlsListeners[i / Kinds % 2];
        int kind = i % Kinds;
        string what = $"#{i} kind {kind}";
        try
        {
            switch (kind)
            {
                case 0:
                {
                    await using ListenerConnection c = await ListenerConnection.OpenAsync(_cluster, saslListener);
                    await c.Stream.WriteAsync(new byte[] { 0xFF, 0xFF, 0xFF, 0xF0, 1, 2, 3 });
                    return await ExpectClosedAsync(c, what + ": negative size prefix on " + saslListener);
                }

                case 1:
                {
                    await using ListenerConnection c = await ListenerConnection.OpenAsync(_cluster, saslListener);
                    byte[] body = new byte[random.Next(8, 200)];
                    random.NextBytes(body);
                    await c.WriteFrameAsync(body);
                    return await ExpectClosedAsync(c, what + ": random frame on " + saslListener);
                }

                case 2:
                {
                    await using ListenerConnection c = await ListenerConnection.OpenAsync(_cluster, saslListener);
                    await c.WriteAsync(new MetadataRequest { Topics = null }, 12);
                    return await ExpectClosedAsync(c, what + ": Metadata before authentication on " + saslListener);
                }

                case 3:
                {
                    await using ListenerConnection c = await ListenerConnection.OpenAsync(_cluster, saslListener);
                    var handshake = await c.SendAsync<SaslHandshakeResponse>(new SaslHandshakeRequest { Mechanism = "GSSAPI" }, 1);
                    return (ErrorCode)handshake.ErrorCode != ErrorCode.UnsupportedSaslMechanism
                        ? $"{what}: GSSAPI answered {(ErrorCode)handshake.ErrorCode}"
                        : await ExpectClosedAsync(c, what + ": unknown mechanism on " + saslListener);
                }

                case 4:
                {
                    await using ListenerConnection c = await ListenerConnection.OpenAsync(_cluster, saslListener);
                    await SecureClusters.HandshakeAsync(c, "PLAIN");
                    byte[] token = new byte[random.Next(0, 300)];
                    random.NextBytes(token);
                    var answer = await c.TrySendAsync<SaslAuthenticateResponse>(new SaslAuthenticateRequest { AuthBytes = token }, 2);
                    return answer is not null && (ErrorCode)answer.ErrorCode != ErrorCode.SaslAuthenticationFailed
                        ? $"{what}: a random PLAIN token answered {(ErrorCode)answer.ErrorCode}"
                        : await ExpectClosedAsync(c, what + ": random PLAIN token on " + saslListener);
                }

                case 5:
                {
                    await using ListenerConnection c = await ListenerConnection.OpenAsync(_cluster, saslListener);
                    var answer = await c.TrySendAsync<SaslAuthenticateResponse>(new SaslAuthenticateRequest { AuthBytes = SecureClusters.PlainToken(SecureClusters.User, SecureClusters.Password) }, 1);
                    return answer is not null && (ErrorCode)answer.ErrorCode != ErrorCode.IllegalSaslState
                        ? $"{what}: SaslAuthenticate without a handshake answered {(ErrorCode)answer.ErrorCode}"
                        : await ExpectClosedAsync(c, what + ": SaslAuthenticate without handshake on " + saslListener);
                }

                case 6:
                {
                    await using ListenerConnection c = await ListenerConnection.OpenAsync(_cluster, saslListener);
                    var handshake = await c.SendAsync<SaslHandshakeResponse>(new SaslHandshakeRequest { Mechanism = i % 2 == 0 ? "PLAIN" : "SCRAM-SHA-512" }, 0);
                    if ((ErrorCode)handshake.ErrorCode != ErrorCode.None)
                    {
                        return $"{what}: SaslHandshake v0 answered {(ErrorCode)handshake.ErrorCode}";
                    }

                    byte[] token = new byte[random.Next(0, 300)];
                    random.NextBytes(token);
                    await c.WriteFrameAsync(token);
                    return await ExpectClosedAsync(c, what + ": random v0 token on " + saslListener);
                }

                case 7:
                {
                    // Half a frame, then the client leaves: the broker must let the connection go.
                    await using ListenerConnection c = await ListenerConnection.OpenAsync(_cluster, saslListener);
                    await c.Stream.WriteAsync(new byte[] { 0, 0, 1, 0, 0, 17, 0 });
                    await c.Stream.FlushAsync();
                    return null;
                }

                case 8:
                {
                    await using ListenerConnection c = await ListenerConnection.OpenTcpAsync(_cluster, saslListener);
                    return null;
                }

                case 9:
                {
                    await using ListenerConnection c = await ListenerConnection.OpenTcpAsync(_cluster, tlsListener);
                    byte[] garbage = new byte[random.Next(16, 600)];
                    random.NextBytes(garbage);
                    garbage[0] = (byte)(garbage[0] == 0x16 ? 0x17 : garbage[0]);
                    await c.Stream.WriteAsync(garbage);
                    return await ExpectClosedAsync(c, what + ": random bytes on the " + tlsListener + " port", SecureClusters.TlsCloseTimeout);
                }

                case 10:
                {
                    await using ListenerConnection c = await ListenerConnection.OpenTcpAsync(_cluster, tlsListener);
                    await c.WriteAsync(new ApiVersionsRequest(), 0);
                    return await ExpectClosedAsync(c, what + ": a Kafka request in the clear on the " + tlsListener + " port", SecureClusters.TlsCloseTimeout);
                }

                case 11:
                {
                    // Half a ClientHello, then the client leaves.
                    byte[] hello = await TlsClientHello.BytesAsync();
                    await using ListenerConnection c = await ListenerConnection.OpenTcpAsync(_cluster, tlsListener);
                    await c.Stream.WriteAsync(hello.AsMemory(0, 1 + random.Next(hello.Length - 2)));
                    return null;
                }

                default:
                {
                    await using ListenerConnection c = await ListenerConnection.OpenAsync(_cluster, tlsListener);
                    byte[] garbage = new byte[64];
                    random.NextBytes(garbage);
                    BinaryPrimitives.WriteInt32BigEndian(garbage, int.MinValue + random.Next(1000));
                    await c.Stream.WriteAsync(garbage);
                    await c.Stream.FlushAsync();
                    return await ExpectClosedAsync(c, what + ": garbage inside TLS on " + tlsListener);
                }
            }
        }
        catch (Exception e) when (e is not AssertionException)
        {
            return $"{what}: {e.GetType().Name}: {e.Message}";
        }
    }

    private static async Task<string?> ExpectClosedAsync(ListenerConnection connection, string what, TimeSpan? timeout = null) =>
        await connection.IsClosedByBrokerAsync(timeout ?? SecureClusters.AnswerTimeout) ? null : what + ": not closed by the broker";

    private async Task AssertNothingLeftAsync(string what)
    {
        Assert.That(await SecureClusters.WaitForConnectionCountAsync(_cluster, 0, ReleaseTimeout), Is.Zero, $"the broker still holds connections after {what}");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.That(_brokerFaults.Select(e => e.ToString()), Is.Empty, "a broker connection task faulted with an unhandled exception");
        foreach (string listener in new[] { "PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL" })
        {
            await SecureClusters.AssertGoodClientServedAsync(_cluster, listener);
        }
    }

    [Test]
    public async Task Concurrent_garbage_connections_are_all_closed_or_released_and_the_broker_carries_on([Values(52, 104)] int connections)
    {
        string?[] failures = await Task.WhenAll(Enumerable.Range(0, connections).Select(i => Task.Run(() => GarbageAsync(i))));
        Assert.That(failures.Where(f => f is not null), Is.Empty);
        await AssertNothingLeftAsync($"{connections} garbage connections");
    }

    [Test]
    public async Task Connections_that_open_and_leave_at_once_are_all_released()
    {
        string[] listeners = ["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"];
        await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            await using ListenerConnection c = await ListenerConnection.OpenTcpAsync(_cluster, listeners[i % listeners.Length]);
        }));
        await AssertNothingLeftAsync("100 connections that left at once");
    }
}
