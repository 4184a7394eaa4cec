using System.Security.Cryptography.X509Certificates;
using Kafka.Client.Testing.Security;

namespace Kafka.Client.Testing;

/// <summary>The security settings of an embedded cluster: listeners per security protocol, TLS, SASL users.</summary>
public sealed partial class EmbeddedKafkaClusterOptions
{
    /// <summary>
    /// The listeners of every broker, as Kafka's <c>listeners</c>: <c>PLAINTEXT://127.0.0.1:0</c>, <c>SSL://...</c>,
    /// <c>SASL_PLAINTEXT://...</c>, <c>SASL_SSL://...</c>. Port 0 picks a free port per broker; a fixed port is the
    /// first broker's, and the next brokers take the following ports. A client gets, in metadata, the addresses of the
    /// listener it connected to. Empty (the default): one PLAINTEXT listener on <see cref="Host"/> and <see cref="Port"/>.
    /// </summary>
    public IList<string> Listeners { get; } = new List<string>();

    /// <summary>
    /// SASL users by name, with their passwords: each can log in with PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 (the SCRAM
    /// credentials are derived at start with 4096 iterations, as <c>kafka-configs --add-config 'SCRAM-SHA-256=[...]'</c> does).
    /// </summary>
    public IDictionary<string, string> SaslUsers { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The SASL mechanisms the SASL listeners offer (<c>sasl.enabled.mechanisms</c>): PLAIN, SCRAM-SHA-256,
    /// SCRAM-SHA-512, OAUTHBEARER. Default the first three; add OAUTHBEARER to accept tokens (see <see cref="OAuthBearerTokenValidator"/>).
    /// </summary>
    public IList<string> SaslEnabledMechanisms { get; } = new List<string> { "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512" };

    /// <summary>
    /// The certificate (with its private key) the TLS listeners present. Default null: the cluster creates a CA and a
    /// certificate for the listener hosts (<c>localhost</c>, the listen and advertised hosts), and publishes the CA as
    /// <see cref="EmbeddedKafkaCluster.CertificateAuthorityPem"/>.
    /// </summary>
    public X509Certificate2? TlsCertificate { get; set; }

    /// <summary>Whether the SSL listener asks clients for a certificate (<c>ssl.client.auth</c>). Default <see cref="SslClientAuthentication.None"/>.</summary>
    /// <remarks>
    /// A client certificate must be signed by the cluster's CA; its subject becomes the principal (<c>User:CN=...</c>).
    /// As in Kafka (KIP-684), it applies to the SSL listener only: SASL_SSL clients authenticate with SASL.
    /// </remarks>
    public SslClientAuthentication SslClientAuth { get; set; }

    /// <summary>
    /// The SASL session lifetime (<c>connections.max.reauth.ms</c>, KIP-368): a SASL connection that sends a request
    /// after it must re-authenticate, or is closed. Default 0: sessions do not expire.
    /// </summary>
    public long ConnectionsMaxReauthMs { get; set; }

    /// <summary>
    /// Checks an OAUTHBEARER token: returns whom it names and its expiry, or null to refuse it. Default null: unsecured
    /// JWTs (<c>"alg":"none"</c>, as Java's <c>unsecuredLoginStringClaim_sub</c> and librdkafka's
    /// <c>enable.sasl.oauthbearer.unsecure.jwt</c> make them) with a <c>sub</c> and an unexpired <c>exp</c> are accepted,
    /// as Kafka's <c>OAuthBearerUnsecuredValidatorCallbackHandler</c> does.
    /// </summary>
    public Func<string, OAuthBearerValidation?>? OAuthBearerTokenValidator { get; set; }

    /// <summary>
    /// True to enforce ACLs, as Kafka with <c>authorizer.class.name=...StandardAuthorizer</c>: every request is checked
    /// against the ACLs made with CreateAcls (<c>kafka-acls --add</c>), and refused with TOPIC_, GROUP_,
    /// CLUSTER_ or TRANSACTIONAL_ID_AUTHORIZATION_FAILED. Default false: everyone may do anything, and the ACL APIs
    /// answer SECURITY_DISABLED.
    /// </summary>
    /// <remarks>
    /// A PLAINTEXT or SSL client without a certificate is <c>User:ANONYMOUS</c>; a SASL client is <c>User:NAME</c>; an SSL
    /// client with a certificate is <c>User:</c> and the subject (<c>User:CN=alice,O=acme</c>).
    /// </remarks>
    public bool EnableAcls { get; set; }

    /// <summary>Principals allowed everything when <see cref="EnableAcls"/> is set (<c>super.users</c>), e.g. <c>User:admin</c>.</summary>
    public IList<string> SuperUsers { get; } = new List<string>();

    /// <summary>
    /// When <see cref="EnableAcls"/> is set: true to allow everyone on a resource no ACL applies to
    /// (<c>allow.everyone.if.no.acl.found</c>). Default false, as Kafka's.
    /// </summary>
    public bool AllowEveryoneIfNoAclFound { get; set; }

    /// <summary>The listeners, parsed (the default PLAINTEXT one when none is given).</summary>
    internal IReadOnlyList<BrokerListener> ResolveListeners()
    {
        if (Listeners.Count == 0)
        {
            return [new BrokerListener(ListenerProtocol.Plaintext, Host, Port)];
        }

        var listeners = new List<BrokerListener>(Listeners.Count);
        foreach (string text in Listeners)
        {
            BrokerListener listener = BrokerListener.Parse(text);
            if (listeners.Any(l => l.Name == listener.Name))
            {
                throw new ArgumentException($"Two listeners are named {listener.Name}; each security protocol may have one listener.", nameof(Listeners));
            }

            listeners.Add(listener);
        }

        foreach (string mechanism in SaslEnabledMechanisms)
        {
            if (mechanism is not ("PLAIN" or "SCRAM-SHA-256" or "SCRAM-SHA-512" or "OAUTHBEARER"))
            {
                throw new ArgumentException($"The SASL mechanism {mechanism} is not served by the embedded broker; PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 and OAUTHBEARER are.", nameof(SaslEnabledMechanisms));
            }
        }

        return listeners;
    }
}
