using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Kafka.Client;

/// <summary>The security settings every client shares: TLS (<c>ssl.*</c>) and SASL (<c>sasl.*</c>).</summary>
public abstract partial class ClientOptions
{
    /// <summary>How the client talks to the brokers: plain TCP, TLS, SASL, or SASL over TLS.</summary>
    /// <remarks>Kafka: <c>security.protocol</c> (<c>PLAINTEXT</c>, <c>SSL</c>, <c>SASL_PLAINTEXT</c>, <c>SASL_SSL</c>). Default <c>PLAINTEXT</c>.</remarks>
    public SecurityProtocol SecurityProtocol { get; set; }

    /// <summary>The certificate authorities to trust for the brokers' certificates: a PEM file, or a folder of them.</summary>
    /// <remarks>Kafka (librdkafka): <c>ssl.ca.location</c>. Default null: the system trust store.</remarks>
    public string? SslCaLocation { get; set; }

    /// <summary>The certificate authorities to trust, as PEM text (one or more certificates).</summary>
    /// <remarks>Kafka (librdkafka): <c>ssl.ca.pem</c>. Default null. Not together with <see cref="SslCaLocation"/>.</remarks>
    public string? SslCaPem { get; set; }

    /// <summary>The client's own certificate (mutual TLS), a PEM file; its key is <see cref="SslKeyLocation"/>.</summary>
    /// <remarks>Kafka (librdkafka): <c>ssl.certificate.location</c>. Default null. Intermediate certificates may follow it in the file.</remarks>
    public string? SslCertificateLocation { get; set; }

    /// <summary>The private key of <see cref="SslCertificateLocation"/>, a PEM file (PKCS#8, PKCS#1 or SEC1; encrypted PKCS#8 with <see cref="SslKeyPassword"/>).</summary>
    /// <remarks>Kafka (librdkafka): <c>ssl.key.location</c>. Default null. The certificate file may hold the key instead.</remarks>
    public string? SslKeyLocation { get; set; }

    /// <summary>The password of an encrypted private key. A secret: never logged, printed as <c>[hidden]</c>.</summary>
    /// <remarks>Kafka: <c>ssl.key.password</c>. Default null.</remarks>
    public string? SslKeyPassword { get; set; }

    /// <summary>The client's certificate as PEM text (mutual TLS); its key is <see cref="SslKeyPem"/>.</summary>
    /// <remarks>Kafka (librdkafka): <c>ssl.certificate.pem</c>. Default null. Not together with <see cref="SslCertificateLocation"/>.</remarks>
    public string? SslCertificatePem { get; set; }

    /// <summary>The private key of <see cref="SslCertificatePem"/> as PEM text. A secret: never logged, printed as <c>[hidden]</c>.</summary>
    /// <remarks>Kafka (librdkafka): <c>ssl.key.pem</c>. Default null.</remarks>
    public string? SslKeyPem { get; set; }

    /// <summary>Whether the broker's host name must match its certificate.</summary>
    /// <remarks>Kafka: <c>ssl.endpoint.identification.algorithm</c> (<c>https</c>, or <c>none</c>; an empty value means none, as in Java). Default <c>https</c>.</remarks>
    public SslEndpointIdentification SslEndpointIdentificationAlgorithm { get; set; }

    /// <summary>A client certificate with its private key, for users who already hold one (instead of the <c>ssl.certificate.*</c> files).</summary>
    /// <remarks>Not a Kafka property. Default null. The caller keeps ownership: it is not disposed by the client.</remarks>
    public X509Certificate2? SslClientCertificate { get; set; }

    /// <summary>
    /// A validation of the broker's certificate that replaces the built-in one (trust store or <c>ssl.ca.*</c>, expiry,
    /// host name): return true to accept the certificate.
    /// </summary>
    /// <remarks>Not a Kafka property. Default null: the built-in validation.</remarks>
    public RemoteCertificateValidationCallback? SslCertificateValidation { get; set; }

    /// <summary>The SASL mechanism, for <c>SASL_PLAINTEXT</c> and <c>SASL_SSL</c>.</summary>
    /// <remarks>
    /// Kafka: <c>sasl.mechanism</c> (librdkafka's <c>sasl.mechanisms</c> is accepted too): <c>GSSAPI</c>, <c>PLAIN</c>,
    /// <c>SCRAM-SHA-256</c>, <c>SCRAM-SHA-512</c>, <c>OAUTHBEARER</c>. Default <c>GSSAPI</c>, as Kafka, which this client
    /// does not support: a SASL client must name another.
    /// </remarks>
    public SaslMechanism SaslMechanism { get; set; }

    /// <summary>The user name for PLAIN and SCRAM.</summary>
    /// <remarks>Kafka (librdkafka): <c>sasl.username</c>. Default null; <see cref="SaslJaasConfig"/> may give it instead.</remarks>
    public string? SaslUsername { get; set; }

    /// <summary>The password for PLAIN and SCRAM. A secret: never logged, printed as <c>[hidden]</c>.</summary>
    /// <remarks>Kafka (librdkafka): <c>sasl.password</c>. Default null; <see cref="SaslJaasConfig"/> may give it instead.</remarks>
    public string? SaslPassword { get; set; }

    /// <summary>
    /// A Java JAAS login configuration, pasted from a Java client's properties: the <c>PlainLoginModule</c> and
    /// <c>ScramLoginModule</c> give <c>username</c> and <c>password</c>, the <c>OAuthBearerLoginModule</c> its
    /// <c>unsecuredLoginStringClaim_sub</c>. A secret: printed as <c>[hidden]</c>.
    /// </summary>
    /// <remarks>Kafka: <c>sasl.jaas.config</c>. Default null. <see cref="SaslUsername"/> and <see cref="SaslPassword"/> win over it.</remarks>
    public string? SaslJaasConfig { get; set; }
}
