using System.Diagnostics;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests.Security;

/// <summary>
/// SASL sessions that end (<c>connections.max.reauth.ms</c>, KIP-368), over real sockets: an expired session gets
/// nothing but the SASL requests, a re-authentication renews it, and a re-authentication is held to Kafka's rules
/// (<c>SaslServerAuthenticator</c> with its <c>ReauthInfo</c>): nothing but SaslAuthenticate between its handshake and
/// its end, the same principal as before, and a failure closes the connection.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class SaslReauthenticationTests
{
    private const long LifetimeMs = 2_000;
    private const string OtherUser = "other-user";
    private const string OtherPassword = "other-secret";
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private EmbeddedKafkaCluster _cluster = null!;

    public static IEnumerable<string> SaslListeners => SecureClusters.SaslListeners;

    [OneTimeSetUp]
    public async Task StartClusterAsync() => _cluster = await SecureClusters.StartAsync(options =>
    {
        options.ConnectionsMaxReauthMs = LifetimeMs;
        options.SaslUsers[OtherUser] = OtherPassword;
    });

    [OneTimeTearDown]
    public async Task StopClusterAsync() => await _cluster.DisposeAsync();

    /// <summary>Waits until the session begun at <paramref name="since"/> has expired, with a margin.</summary>
    private static Task PastExpiryAsync(Stopwatch since) =>
        Task.Delay(TimeSpan.FromMilliseconds(Math.Max(0, LifetimeMs + 300 - since.ElapsedMilliseconds)));

    // The three tests that wait for a session to end run both SASL listeners at once, to wait once.

    [Test]
    public Task The_session_lifetime_is_answered_and_an_expired_session_is_closed_on_its_next_request() =>
        Task.WhenAll(SecureClusters.SaslListeners.Select(async listener =>
        {
            await using ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener);
            var session = Stopwatch.StartNew();
            SaslAuthenticateResponse login = await SecureClusters.LogInAsync(client);
            Assert.That(login.SessionLifetimeMs, Is.EqualTo(LifetimeMs), listener);
            await SecureClusters.AssertMetadataServedAsync(client);

            await PastExpiryAsync(session);
            await client.WriteAsync(new MetadataRequest { Topics = null }, 12);
            Assert.That(await client.IsClosedByBrokerAsync(CloseTimeout), Is.True, $"{listener}: a request on an expired session closes the connection, unanswered");
        }));

    [Test]
    public Task An_expired_session_may_re_authenticate_and_is_then_served() =>
        Task.WhenAll(SecureClusters.SaslListeners.Select(async listener =>
        {
            await using ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener);
            var session = Stopwatch.StartNew();
            await SecureClusters.LogInAsync(client);
            await PastExpiryAsync(session);

            SaslAuthenticateResponse again = await SecureClusters.LogInAsync(client);
            Assert.That(again.SessionLifetimeMs, Is.EqualTo(LifetimeMs), listener);
            await SecureClusters.AssertMetadataServedAsync(client);
        }));

    [Test]
    public Task Re_authenticating_before_expiry_renews_the_session() =>
        Task.WhenAll(SecureClusters.SaslListeners.Select(async listener =>
        {
            await using ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener);
            var first = Stopwatch.StartNew();
            await SecureClusters.LogInAsync(client);
            await Task.Delay(TimeSpan.FromMilliseconds(LifetimeMs / 2));

            var second = Stopwatch.StartNew();
            await SecureClusters.LogInAsync(client);
            await PastExpiryAsync(first);
            Assert.That(second.ElapsedMilliseconds, Is.LessThan(LifetimeMs - 200), $"{listener}: the test checks inside the renewed session");
            await SecureClusters.AssertMetadataServedAsync(client);
        }));

    [Test]
    public async Task A_failed_re_authentication_closes_the_connection([ValueSource(nameof(SaslListeners))] string listener)
    {
        await using ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener);
        await SecureClusters.LogInAsync(client);
        await SecureClusters.HandshakeAsync(client, "PLAIN");
        var answer = await client.TrySendAsync<SaslAuthenticateResponse>(
            new SaslAuthenticateRequest { AuthBytes = SecureClusters.PlainToken(SecureClusters.User, "wrong") }, 2);
        if (answer is not null)
        {
            Assert.That((ErrorCode)answer.ErrorCode, Is.EqualTo(ErrorCode.SaslAuthenticationFailed));
            Assert.That(await client.IsClosedByBrokerAsync(CloseTimeout), Is.True);
        }
    }

    /// <summary>
    /// Kafka's processor hands the connection back to the authenticator on a SaslHandshake from an authenticated client;
    /// until the exchange ends the authenticator takes only SaslAuthenticate: anything else gets its error response
    /// ("Unexpected Kafka request of type METADATA during SASL authentication") and the connection closes.
    /// </summary>
    [Test]
    public async Task A_request_between_the_re_authentication_handshake_and_its_end_closes_the_connection([ValueSource(nameof(SaslListeners))] string listener)
    {
        await using ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener);
        await SecureClusters.LogInAsync(client);
        await SecureClusters.HandshakeAsync(client, "PLAIN");

        await SecureClusters.AssertMetadataRefusedAsync(client, "Metadata in the middle of a re-authentication");
    }

    /// <summary>
    /// Kafka refuses a re-authentication as someone else (<c>ReauthInfo.ensurePrincipalUnchanged</c>: "Cannot change
    /// principals during re-authentication from User.a: User.b"): SASL_AUTHENTICATION_FAILED, and the connection closes.
    /// </summary>
    [Test]
    public async Task Re_authenticating_as_another_user_is_refused([ValueSource(nameof(SaslListeners))] string listener)
    {
        await using ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener);
        await SecureClusters.LogInAsync(client);
        await SecureClusters.HandshakeAsync(client, "PLAIN");
        var answer = await client.TrySendAsync<SaslAuthenticateResponse>(
            new SaslAuthenticateRequest { AuthBytes = SecureClusters.PlainToken(OtherUser, OtherPassword) }, 2);
        if (answer is not null)
        {
            Assert.That((ErrorCode)answer.ErrorCode, Is.EqualTo(ErrorCode.SaslAuthenticationFailed), "a connection may not change its principal by re-authenticating");
            Assert.That(await client.IsClosedByBrokerAsync(CloseTimeout), Is.True);
        }
    }
}
