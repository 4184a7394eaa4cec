using Kafka.Client.Protocol;
using Kafka.Client.Testing.Security;

namespace Kafka.Client.Testing.Broker;

/// <summary>
/// What a broker knows of one client connection beyond its requests: the listener it came in on, who it is (its
/// principal), and where its SASL exchange is. On a SASL listener nothing but ApiVersions, SaslHandshake and
/// SaslAuthenticate is served before the exchange succeeds, as Kafka's <c>SaslServerAuthenticator</c> does.
/// </summary>
internal sealed class ConnectionSession(int listenerIndex, BrokerListener listener, string principal)
{
    private bool _authenticated;
    private string? _firstMechanism;

    /// <summary>The index of the connection's listener in the cluster's listeners.</summary>
    public int ListenerIndex { get; } = listenerIndex;

    /// <summary>The connection's listener.</summary>
    public BrokerListener Listener { get; } = listener;

    /// <summary>The client's principal: <c>User:ANONYMOUS</c>, its certificate's subject, or its SASL user.</summary>
    public string Principal { get; private set; } = principal;

    /// <summary>The mechanism SaslHandshake chose, while an exchange runs.</summary>
    public string? Mechanism { get; private set; }

    /// <summary>The SASL exchange in progress, if any.</summary>
    public ISaslServer? Exchange { get; private set; }

    /// <summary>When the SASL session ends (Environment.TickCount64), or 0 when it does not.</summary>
    public long ExpiresAt { get; private set; }

    /// <summary>
    /// True after a SaslHandshake v0: the exchange's tokens come as bare length-prefixed frames, without a request header,
    /// until it completes (the flow before KIP-152).
    /// </summary>
    public bool ExpectsRawTokens { get; private set; }

    /// <summary>Set by a handler whose response must be the connection's last (a failed authentication).</summary>
    public bool CloseAfterResponse { get; set; }

    /// <summary>True when the connection may send requests other than the SASL ones.</summary>
    public bool IsAuthenticated => !Listener.UsesSasl || _authenticated;

    /// <summary>True between the SaslHandshake of a re-authentication (KIP-368) and the end of its exchange.</summary>
    public bool IsReauthenticating => _authenticated && Exchange is not null;

    /// <summary>
    /// The largest frame the connection may send now: 512 KiB until it has authenticated on a SASL listener (Kafka's
    /// <c>sasl.server.max.receive.size</c>, the fix of CVE-2022-34917), else <paramref name="maxRequestSize"/>.
    /// </summary>
    public int MaxFrameSize(int maxRequestSize) =>
        Listener.UsesSasl && (!_authenticated || Exchange is not null) ? Math.Min(SaslMaxReceiveSize, maxRequestSize) : maxRequestSize;

    /// <summary>Kafka's default <c>sasl.server.max.receive.size</c>.</summary>
    public const int SaslMaxReceiveSize = 524288;

    /// <summary>True when the SASL session has expired (KIP-368): the client must re-authenticate before anything else.</summary>
    public bool IsExpired => ExpiresAt > 0 && Environment.TickCount64 >= ExpiresAt;

    /// <summary>
    /// True when <paramref name="api"/> may be served now, as Kafka's <c>SaslServerAuthenticator</c>: before
    /// authentication ApiVersions and the SASL requests; during a re-authentication only SaslAuthenticate; after the
    /// session expired only the SaslHandshake that starts a re-authentication.
    /// </summary>
    public bool MayServe(ApiKey api) =>
        IsReauthenticating ? api == ApiKey.SaslAuthenticate
        : IsAuthenticated && IsExpired ? api == ApiKey.SaslHandshake
        : api is ApiKey.ApiVersions or ApiKey.SaslHandshake or ApiKey.SaslAuthenticate || IsAuthenticated;

    /// <summary>SaslHandshake chose <paramref name="mechanism"/>: a new exchange starts (also a re-authentication, KIP-368).</summary>
    public void Begin(string mechanism, ISaslServer exchange, bool rawTokens)
    {
        Mechanism = mechanism;
        Exchange = exchange;
        ExpectsRawTokens = rawTokens;
    }

    /// <summary>
    /// Why the exchange that just succeeded may not end a re-authentication, or null: Kafka's <c>ReauthInfo</c> refuses
    /// another principal or another mechanism than the connection's.
    /// </summary>
    public string? ReauthenticationRefusal(string user, string mechanism) =>
        !IsReauthenticating ? null
        : "User:" + user != Principal ? $"Cannot change principals during re-authentication from {Principal}: User:{user}"
        : mechanism != _firstMechanism ? $"SASL mechanism '{mechanism}' requested by client is not supported for re-authentication of mechanism '{_firstMechanism}'"
        : null;

    /// <summary>The exchange succeeded: the connection is the SASL user's, for <paramref name="lifetimeMs"/> (0 = ever).</summary>
    public void Authenticated(string user, long lifetimeMs)
    {
        _firstMechanism ??= Mechanism;
        Principal = "User:" + user;
        _authenticated = true;
        Exchange = null;
        ExpectsRawTokens = false;
        ExpiresAt = lifetimeMs > 0 ? Environment.TickCount64 + lifetimeMs : 0;
    }
}
