using System.Buffers.Binary;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests.Security;

/// <summary>
/// The flow before KIP-152, over real sockets: after a SaslHandshake v0 the SASL tokens travel as bare size-prefixed
/// frames, without a request header, and the broker answers each with a bare frame. A correct exchange lets requests
/// through; a failure closes the connection without an answer (the flow has no error field); and a Kafka request sent
/// where a token is expected is read as a token, never served.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class SaslHandshakeV0Tests
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private EmbeddedKafkaCluster _cluster = null!;

    public static IEnumerable<string> SaslListeners => SecureClusters.SaslListeners;

    [OneTimeSetUp]
    public async Task StartClusterAsync() => _cluster = await SecureClusters.StartAsync();

    [OneTimeTearDown]
    public async Task StopClusterAsync() => await _cluster.DisposeAsync();

    private static async Task HandshakeV0Async(ListenerConnection client, string mechanism)
    {
        var handshake = await client.SendAsync<SaslHandshakeResponse>(new SaslHandshakeRequest { Mechanism = mechanism }, 0);
        Assert.That((ErrorCode)handshake.ErrorCode, Is.EqualTo(ErrorCode.None));
        Assert.That(handshake.Mechanisms, Is.EquivalentTo(SecureClusters.EnabledMechanisms));
    }

    [Test]
    public async Task A_PLAIN_token_in_a_bare_frame_gets_an_empty_frame_and_then_requests_are_served([ValueSource(nameof(SaslListeners))] string listener)
    {
        await using ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener);
        await HandshakeV0Async(client, "PLAIN");
        await client.WriteFrameAsync(SecureClusters.PlainToken(SecureClusters.User, SecureClusters.Password));
        byte[] answer = await client.ReadFrameAsync();
        Assert.That(answer, Is.Empty, "PLAIN's server token is empty: a zero-length frame");

        await SecureClusters.AssertMetadataServedAsync(client);
    }

    [Test]
    public async Task A_SCRAM_exchange_in_bare_frames_authenticates(
        [ValueSource(nameof(SaslListeners))] string listener, [Values("SCRAM-SHA-256", "SCRAM-SHA-512")] string mechanism)
    {
        await using ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener);
        await HandshakeV0Async(client, mechanism);
        var scram = new ScramClient(mechanism, SecureClusters.User, SecureClusters.Password);
        await client.WriteFrameAsync(scram.ClientFirst());
        scram.ReadServerFirst(await client.ReadFrameAsync());

        // Between the two steps the exchange is open: still nothing but tokens.
        await client.WriteFrameAsync(scram.ClientFinal());
        scram.AssertServerFinal(await client.ReadFrameAsync());

        await SecureClusters.AssertMetadataServedAsync(client);
    }

    public static IEnumerable<TestCaseData> BadRawTokens()
    {
        byte[] random = new byte[200];
        new Random(11).NextBytes(random);
        yield return new TestCaseData("PLAIN", SecureClusters.PlainToken(SecureClusters.User, "wrong-password")).SetArgDisplayNames("PLAIN", "wrong password");
        yield return new TestCaseData("PLAIN", SecureClusters.PlainToken("nobody", SecureClusters.Password)).SetArgDisplayNames("PLAIN", "unknown user");
        yield return new TestCaseData("PLAIN", Array.Empty<byte>()).SetArgDisplayNames("PLAIN", "empty token");
        yield return new TestCaseData("PLAIN", random).SetArgDisplayNames("PLAIN", "random token");
        yield return new TestCaseData("PLAIN", OneMegabyte()).SetArgDisplayNames("PLAIN", "1 MB token");
        yield return new TestCaseData("SCRAM-SHA-256", Array.Empty<byte>()).SetArgDisplayNames("SCRAM-SHA-256", "empty client-first");
        yield return new TestCaseData("SCRAM-SHA-256", random).SetArgDisplayNames("SCRAM-SHA-256", "random client-first");
        yield return new TestCaseData("SCRAM-SHA-512", "n,,n=nobody,r=abcdef"u8.ToArray()).SetArgDisplayNames("SCRAM-SHA-512", "unknown user");
    }

    private static byte[] OneMegabyte()
    {
        byte[] bytes = new byte[1024 * 1024];
        new Random(12).NextBytes(bytes);
        return bytes;
    }

    [TestCaseSource(nameof(BadRawTokens))]
    public async Task A_bad_token_in_a_bare_frame_closes_the_connection_unanswered(string mechanism, byte[] token)
    {
        foreach (string listener in SecureClusters.SaslListeners)
        {
            await using (ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener))
            {
                await HandshakeV0Async(client, mechanism);
                bool closed;
                try
                {
                    await client.WriteFrameAsync(token);
                    closed = await client.IsClosedByBrokerAsync(CloseTimeout);
                }
                catch (IOException)
                {
                    // A broker that refuses a large token by its size alone may close while the rest is being written.
                    closed = true;
                }

                Assert.That(closed, Is.True, $"{listener}: a failed v0 exchange closes the connection without an answer");
            }

            await SecureClusters.AssertGoodClientServedAsync(_cluster, listener);
        }
    }

    [Test]
    public async Task A_SCRAM_client_final_with_a_wrong_proof_in_a_bare_frame_closes_the_connection([ValueSource(nameof(SaslListeners))] string listener)
    {
        await using ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener);
        await HandshakeV0Async(client, "SCRAM-SHA-256");
        var scram = new ScramClient("SCRAM-SHA-256", SecureClusters.User, "not-the-password");
        await client.WriteFrameAsync(scram.ClientFirst());
        scram.ReadServerFirst(await client.ReadFrameAsync());
        await client.WriteFrameAsync(scram.ClientFinal());
        Assert.That(await client.IsClosedByBrokerAsync(CloseTimeout), Is.True);
    }

    /// <summary>
    /// A Kafka request where a v0 token is expected is a token (and a bad one): it is not served, and the
    /// connection closes. Served, it would be a request answered before authentication.
    /// </summary>
    [Test]
    public async Task A_Kafka_request_where_a_bare_token_is_expected_is_not_served(
        [ValueSource(nameof(SaslListeners))] string listener, [Values(ApiKey.Metadata, ApiKey.ApiVersions, ApiKey.SaslAuthenticate)] ApiKey api)
    {
        await using ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener);
        await HandshakeV0Async(client, "PLAIN");
        IKafkaRequest request = api switch
        {
            ApiKey.Metadata => new MetadataRequest { Topics = null },
            ApiKey.ApiVersions => new ApiVersionsRequest(),
            _ => new SaslAuthenticateRequest { AuthBytes = SecureClusters.PlainToken(SecureClusters.User, SecureClusters.Password) },
        };
        short version = api switch { ApiKey.Metadata => 12, ApiKey.ApiVersions => 0, _ => 0 };
        await client.WriteAsync(request, version);
        Assert.That(await client.IsClosedByBrokerAsync(CloseTimeout), Is.True, $"{api} after a v0 handshake is a malformed PLAIN token, not a request");
    }

    [Test]
    public async Task A_bare_frame_before_any_handshake_is_not_a_token([ValueSource(nameof(SaslListeners))] string listener)
    {
        // Without a v0 handshake, a bare PLAIN token is read as a request header (its NUL and 'f' make API key 102) and refused.
        await using ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener);
        byte[] token = SecureClusters.PlainToken(SecureClusters.User, SecureClusters.Password);
        Assert.That(BinaryPrimitives.ReadInt16BigEndian(token), Is.Not.EqualTo((short)ApiKey.ApiVersions));
        await client.WriteFrameAsync(token);
        Assert.That(await client.IsClosedByBrokerAsync(CloseTimeout), Is.True);
    }
}
