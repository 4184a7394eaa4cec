using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Kafka.Client.Testing.Security;

/// <summary>
/// What the brokers of a cluster share for security: the CA and the broker certificate of the TLS listeners, the
/// client-certificate rule, the SASL users and mechanisms, the session lifetime, and the ACLs.
/// </summary>
internal sealed class ClusterSecurity : IDisposable
{
    private ClusterSecurity(EmbeddedKafkaClusterOptions options, IReadOnlyList<BrokerListener> listeners, string clusterId)
    {
        Users = new SaslUserStore(options.SaslUsers);
        Mechanisms = [.. options.SaslEnabledMechanisms];
        ClientAuth = options.SslClientAuth;
        SessionLifetimeMs = options.ConnectionsMaxReauthMs;
        Authorizer = new Authorizer(options);
        _validateToken = options.OAuthBearerTokenValidator ?? UnsecuredJwtValidator.Validate;
        if (!listeners.Any(l => l.UsesTls) && options.SslClientAuth == SslClientAuthentication.None)
        {
            return;
        }

        Authority = CertificateAuthority.Create(clusterId);
        if (options.TlsCertificate is { } given)
        {
            ServerCertificate = SslStreamCertificateContext.Create(given, null, offline: true);
        }
        else
        {
            string[] hosts = ["localhost", "127.0.0.1", "::1", .. listeners.Select(l => l.Host), .. options.AdvertisedHost is { } advertised ? [advertised] : Array.Empty<string>()];
            _ownCertificate = Authority.IssueServer(hosts.Where(h => h.Length > 0 && h != "0.0.0.0"));
            ServerCertificate = SslStreamCertificateContext.Create(_ownCertificate, [Authority.Certificate], offline: true);
        }
    }

    private readonly X509Certificate2? _ownCertificate;
    private readonly Func<string, OAuthBearerValidation?> _validateToken;

    /// <summary>The cluster's own CA (when a listener uses TLS), which signs the broker certificate unless one is given and every client certificate it issues.</summary>
    public CertificateAuthority? Authority { get; }

    /// <summary>The certificate the TLS listeners present, or null without TLS listeners.</summary>
    public SslStreamCertificateContext? ServerCertificate { get; }

    /// <summary>Whether TLS listeners ask for a client certificate.</summary>
    public SslClientAuthentication ClientAuth { get; }

    /// <summary>The SASL users.</summary>
    public SaslUserStore Users { get; }

    /// <summary>The SASL mechanisms offered.</summary>
    public IReadOnlyList<string> Mechanisms { get; }

    /// <summary>The ACLs and the decisions made with them.</summary>
    public Authorizer Authorizer { get; }

    /// <summary>The SASL session lifetime in ms; 0 = sessions do not expire.</summary>
    public long SessionLifetimeMs { get; }

    /// <summary>
    /// The lifetime of a session the exchange just opened: <see cref="SessionLifetimeMs"/>, shortened to the token's
    /// remaining life for OAUTHBEARER (Kafka's <c>SaslServerAuthenticator</c> with <c>connections.max.reauth.ms</c>).
    /// </summary>
    public long SessionLifetimeFor(ISaslServer exchange) =>
        SessionLifetimeMs > 0 && exchange is OAuthBearerSaslServer { CredentialExpiry: { } expiry }
            ? Math.Max(1, Math.Min(SessionLifetimeMs, (long)(expiry - DateTimeOffset.UtcNow).TotalMilliseconds))
            : SessionLifetimeMs;

    /// <summary>The security of a cluster with these options.</summary>
    public static ClusterSecurity Create(EmbeddedKafkaClusterOptions options, IReadOnlyList<BrokerListener> listeners, string clusterId) =>
        new(options, listeners, clusterId);

    /// <summary>A new server exchange for <paramref name="mechanism"/>, or null when it is not offered.</summary>
    public ISaslServer? CreateSaslServer(string mechanism) => !Mechanisms.Contains(mechanism) ? null : mechanism switch
    {
        "PLAIN" => new PlainSaslServer(Users),
        "SCRAM-SHA-256" or "SCRAM-SHA-512" => new ScramSaslServer(mechanism, Users),
        "OAUTHBEARER" => new OAuthBearerSaslServer(_validateToken),
        _ => null,
    };

    public void Dispose()
    {
        _ownCertificate?.Dispose();
        Authority?.Dispose();
    }
}
