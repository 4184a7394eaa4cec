using System.Text;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests.Security;

/// <summary>A bad SaslAuthenticate: the mechanism the handshake chose, and what the token holds.</summary>
public enum BadToken
{
    PlainRandomBytes,
    PlainEmpty,
    PlainOneMegabyte,
    PlainWrongPassword,
    PlainUnknownUser,
    PlainEmptyUser,
    PlainOtherAuthorizationId,
    PlainTooManyParts,
    ScramRandomClientFirst,
    ScramEmptyClientFirst,
    ScramOneMegabyteClientFirst,
    ScramUnknownUser,
    ScramChannelBindingRequested,
    ScramMalformedUserName,
    ScramClientFinalWithWrongNonce,
    ScramClientFinalWithWrongProof,
    ScramClientFinalWithShortProof,
    ScramClientFinalWithProofNotBase64,
    ScramClientFinalWithoutProof,
    ScramRandomClientFinal,
    ScramEmptyClientFinal,
    NoHandshakeFirst,
}

/// <summary>
/// SaslAuthenticate with garbage, over real sockets on both SASL listeners: random, empty and 1 MB tokens, SCRAM
/// messages with a wrong nonce or proof. Each is answered SASL_AUTHENTICATION_FAILED (ILLEGAL_SASL_STATE without a
/// handshake) and the connection closed, or closed unanswered; never answered with success, never left hanging; and the
/// broker serves a correct login afterwards.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class SaslAuthenticateFuzzTests
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private EmbeddedKafkaCluster _cluster = null!;

    public static IEnumerable<string> SaslListeners => SecureClusters.SaslListeners;

    [OneTimeSetUp]
    public async Task StartClusterAsync() => _cluster = await SecureClusters.StartAsync();

    [OneTimeTearDown]
    public async Task StopClusterAsync() => await _cluster.DisposeAsync();

    private static byte[] Random(int length, int seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static string MechanismOf(BadToken token) => token switch
    {
        BadToken.NoHandshakeFirst => "",
        _ when token.ToString().StartsWith("Plain", StringComparison.Ordinal) => "PLAIN",
        _ => (int)token % 2 == 0 ? "SCRAM-SHA-256" : "SCRAM-SHA-512",
    };

    private static SaslAuthenticateRequest Authenticate(byte[] token) => new() { AuthBytes = token };

    /// <summary>
    /// Brings the exchange to the bad step (the handshake, and a correct SCRAM client-first for the client-final cases)
    /// and returns the bad token.
    /// </summary>
    private static async Task<byte[]> PrepareAsync(ListenerConnection client, BadToken token, short version)
    {
        string mechanism = MechanismOf(token);
        if (mechanism.Length > 0)
        {
            await SecureClusters.HandshakeAsync(client, mechanism);
        }

        string user = SecureClusters.User;
        string password = SecureClusters.Password;
        switch (token)
        {
            case BadToken.PlainRandomBytes: return Random(256, 1);
            case BadToken.PlainEmpty: return [];
            case BadToken.PlainOneMegabyte: return Random(1024 * 1024, 2);
            case BadToken.PlainWrongPassword: return SecureClusters.PlainToken(user, password + "x");
            case BadToken.PlainUnknownUser: return SecureClusters.PlainToken("nobody", password);
            case BadToken.PlainEmptyUser: return SecureClusters.PlainToken("", password);
            case BadToken.PlainOtherAuthorizationId: return SecureClusters.PlainToken(user, password, authorizationId: "admin");
            case BadToken.PlainTooManyParts: return Encoding.UTF8.GetBytes($"\0{user}\0{password}\0extra");
            case BadToken.ScramRandomClientFirst: return Random(256, 3);
            case BadToken.ScramEmptyClientFirst: return [];
            case BadToken.ScramOneMegabyteClientFirst: return Random(1024 * 1024, 4);
            case BadToken.ScramUnknownUser: return Encoding.UTF8.GetBytes("n,,n=nobody,r=abcdefgh");
            case BadToken.ScramChannelBindingRequested: return Encoding.UTF8.GetBytes($"p=tls-unique,,n={user},r=abcdefgh");
            case BadToken.ScramMalformedUserName: return Encoding.UTF8.GetBytes("n,,n=bad=name,r=abcdefgh");
            case BadToken.NoHandshakeFirst: return SecureClusters.PlainToken(user, password);
        }

        var scram = new ScramClient(mechanism, user, password);
        var first = await client.SendAsync<SaslAuthenticateResponse>(Authenticate(scram.ClientFirst()), version);
        Assert.That((ErrorCode)first.ErrorCode, Is.EqualTo(ErrorCode.None), first.ErrorMessage);
        scram.ReadServerFirst(first.AuthBytes.Span);
        return token switch
        {
            BadToken.ScramClientFinalWithWrongNonce => scram.ClientFinal(nonce: scram.ServerNonce + "x"),
            BadToken.ScramClientFinalWithWrongProof => scram.ClientFinal(proof: Convert.ToBase64String(Random(mechanism == "SCRAM-SHA-512" ? 64 : 32, 5))),
            BadToken.ScramClientFinalWithShortProof => scram.ClientFinal(proof: Convert.ToBase64String(Random(7, 6))),
            BadToken.ScramClientFinalWithProofNotBase64 => scram.ClientFinal(proof: "%%%not-base64%%%"),
            BadToken.ScramClientFinalWithoutProof => Encoding.UTF8.GetBytes($"c=biws,r={scram.ServerNonce}"),
            BadToken.ScramRandomClientFinal => Random(300, 7),
            BadToken.ScramEmptyClientFinal => [],
            _ => throw new ArgumentOutOfRangeException(nameof(token)),
        };
    }

    [Test]
    public async Task A_bad_SaslAuthenticate_fails_and_closes_the_connection_and_the_broker_carries_on(
        [ValueSource(nameof(SaslListeners))] string listener, [Values] BadToken token)
    {
        const short version = 2;
        await using (ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener))
        {
            byte[] bad = await PrepareAsync(client, token, version);
            await AssertRefusedAsync(client, bad, version, token == BadToken.NoHandshakeFirst ? ErrorCode.IllegalSaslState : ErrorCode.SaslAuthenticationFailed);
        }

        await SecureClusters.AssertGoodClientServedAsync(_cluster, listener);
    }

    [Test]
    public async Task A_bad_SaslAuthenticate_fails_at_every_version(
        [Values(0, 1, 2)] short version,
        [Values(BadToken.PlainRandomBytes, BadToken.PlainWrongPassword, BadToken.ScramClientFinalWithWrongProof, BadToken.NoHandshakeFirst)] BadToken token)
    {
        await using (ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, "SASL_PLAINTEXT"))
        {
            byte[] bad = await PrepareAsync(client, token, version);
            await AssertRefusedAsync(client, bad, version, token == BadToken.NoHandshakeFirst ? ErrorCode.IllegalSaslState : ErrorCode.SaslAuthenticationFailed);
        }

        await SecureClusters.AssertGoodClientServedAsync(_cluster, "SASL_PLAINTEXT");
    }

    /// <summary>The token is answered with <paramref name="expected"/> and the connection then closed, or closed unanswered.</summary>
    private static async Task AssertRefusedAsync(ListenerConnection client, byte[] bad, short version, ErrorCode expected)
    {
        SaslAuthenticateResponse? answer = await client.TrySendAsync<SaslAuthenticateResponse>(Authenticate(bad), version);
        if (answer is not null)
        {
            Assert.That((ErrorCode)answer.ErrorCode, Is.EqualTo(expected), answer.ErrorMessage);
            Assert.That(answer.ErrorMessage, Is.Not.Empty, "the failure says why");
            Assert.That(answer.AuthBytes.Length, Is.Zero, "a refused token gets no server token");
            Assert.That(await client.IsClosedByBrokerAsync(CloseTimeout), Is.True, "the connection is closed after a failed authentication");
        }
    }

    /// <summary>
    /// A correct SCRAM client-final taken from one connection and replayed on another is refused: its nonce is not the
    /// new connection's, and its proof signs another exchange.
    /// </summary>
    [Test]
    public async Task A_SCRAM_client_final_replayed_on_another_connection_is_refused(
        [ValueSource(nameof(SaslListeners))] string listener, [Values("SCRAM-SHA-256", "SCRAM-SHA-512")] string mechanism)
    {
        byte[] captured;
        await using (ListenerConnection first = await ListenerConnection.OpenAsync(_cluster, listener))
        {
            await SecureClusters.HandshakeAsync(first, mechanism);
            var scram = new ScramClient(mechanism, SecureClusters.User, SecureClusters.Password);
            var serverFirst = await first.SendAsync<SaslAuthenticateResponse>(Authenticate(scram.ClientFirst()), 2);
            scram.ReadServerFirst(serverFirst.AuthBytes.Span);
            captured = scram.ClientFinal();
        }

        await using ListenerConnection replay = await ListenerConnection.OpenAsync(_cluster, listener);
        await SecureClusters.HandshakeAsync(replay, mechanism);
        var again = new ScramClient(mechanism, SecureClusters.User, SecureClusters.Password);
        var answer = await replay.SendAsync<SaslAuthenticateResponse>(Authenticate(again.ClientFirst()), 2);
        Assert.That((ErrorCode)answer.ErrorCode, Is.EqualTo(ErrorCode.None));
        await AssertRefusedAsync(replay, captured, 2, ErrorCode.SaslAuthenticationFailed);
        Assert.That(await replay.IsClosedByBrokerAsync(CloseTimeout), Is.True);
    }

    [Test]
    public async Task A_correct_PLAIN_token_after_a_failed_one_on_the_same_connection_is_not_served([ValueSource(nameof(SaslListeners))] string listener)
    {
        await using ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener);
        await SecureClusters.HandshakeAsync(client, "PLAIN");
        var failed = await client.TrySendAsync<SaslAuthenticateResponse>(Authenticate(SecureClusters.PlainToken(SecureClusters.User, "wrong")), 2);
        Assert.That(failed is null || (ErrorCode)failed.ErrorCode == ErrorCode.SaslAuthenticationFailed, Is.True);

        // Whatever the client sends next, the connection is over: no second guess on it.
        var retry = await client.TrySendAsync<SaslAuthenticateResponse>(Authenticate(SecureClusters.PlainToken(SecureClusters.User, SecureClusters.Password)), 2);
        Assert.That(retry, Is.Null, "a connection whose authentication failed is closed, not given another try");
    }
}
