using Kafka.Client.Options;

namespace Kafka.Client;

/// <summary>The rules between the security settings, checked when a client is created; no file is read here.</summary>
public abstract partial class ClientOptions
{
    /// <summary>True for <c>SSL</c> and <c>SASL_SSL</c>.</summary>
    internal bool UsesTls => SecurityProtocol is SecurityProtocol.Ssl or SecurityProtocol.SaslSsl;

    /// <summary>True for <c>SASL_PLAINTEXT</c> and <c>SASL_SSL</c>.</summary>
    internal bool UsesSasl => SecurityProtocol is SecurityProtocol.SaslPlaintext or SecurityProtocol.SaslSsl;

    /// <summary>Checks the TLS and SASL settings the security protocol uses; settings it does not use are ignored, as in Java.</summary>
    /// <exception cref="ArgumentException">A required setting is missing or two settings conflict; the message names the properties.</exception>
    /// <exception cref="NotSupportedException">The SASL mechanism is GSSAPI (Kerberos).</exception>
    private protected void ValidateSecurity()
    {
        if (UsesTls)
        {
            Exclusive(SslCaLocation, "ssl.ca.location", SslCaPem, "ssl.ca.pem");
            Exclusive(SslCertificateLocation, "ssl.certificate.location", SslCertificatePem, "ssl.certificate.pem");
            Exclusive(SslKeyLocation, "ssl.key.location", SslKeyPem, "ssl.key.pem");
            if (SslClientCertificate is not null && (SslCertificateLocation ?? SslCertificatePem) is not null)
            {
                throw new ArgumentException("SslClientCertificate and ssl.certificate.location/ssl.certificate.pem both give a client certificate; set one.");
            }

            if (SslKeyLocation is not null && SslCertificateLocation is null)
            {
                throw new ArgumentException("ssl.key.location is set without ssl.certificate.location: a key needs its certificate.");
            }

            if (SslKeyPem is not null && SslCertificatePem is null)
            {
                throw new ArgumentException("ssl.key.pem is set without ssl.certificate.pem: a key needs its certificate.");
            }

            if (SslCertificatePem is not null && SslKeyPem is null)
            {
                throw new ArgumentException("ssl.certificate.pem is set without ssl.key.pem: a client certificate needs its private key.");
            }
        }

        if (UsesSasl)
        {
            _ = ResolveSaslCredentials();
            if (SaslMechanism == SaslMechanism.OAuthBearer)
            {
                _ = Network.Security.OAuth.OAuthBearerSources.From(this, TimeProvider.System);
            }
        }
    }

    /// <summary>
    /// The user name and password of PLAIN and SCRAM (from <c>sasl.username</c>/<c>sasl.password</c>, else from
    /// <c>sasl.jaas.config</c>), or nulls for OAUTHBEARER.
    /// </summary>
    /// <exception cref="ArgumentException">The mechanism needs credentials that are missing, or the JAAS text is invalid.</exception>
    /// <exception cref="NotSupportedException">The mechanism or the JAAS login module is Kerberos.</exception>
    internal (string? User, string? Password) ResolveSaslCredentials()
    {
        string mechanism = SecurityProperties.NameOf(SaslMechanism);
        if (SaslMechanism == SaslMechanism.Gssapi)
        {
            throw new NotSupportedException(
                $"The SASL mechanism GSSAPI (Kerberos), Kafka's default for {SecurityProperties.NameOf(SecurityProtocol)}, is not supported by Kafka.Client; " +
                "set sasl.mechanism to PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER.");
        }

        JaasConfig? jaas = null;
        if (SaslJaasConfig is { } text)
        {
            try
            {
                jaas = JaasConfig.Parse(text);
            }
            catch (FormatException e)
            {
                // The value may hold a password: the message says where the text is wrong, never what it is.
                throw new ArgumentException($"Invalid value for Kafka property 'sasl.jaas.config': {e.Message}", e);
            }

            if (jaas.ModuleName == "Krb5LoginModule")
            {
                throw new NotSupportedException("sasl.jaas.config names the Kerberos login module (Krb5LoginModule); GSSAPI is not supported by Kafka.Client.");
            }

            string expected = SaslMechanism == SaslMechanism.OAuthBearer ? "OAuthBearerLoginModule" : SaslMechanism == SaslMechanism.Plain ? "PlainLoginModule" : "ScramLoginModule";
            if (jaas.ModuleName != expected)
            {
                throw new ArgumentException($"sasl.jaas.config names the login module {jaas.ModuleName}, but sasl.mechanism {mechanism} takes the {expected}.");
            }
        }

        if (SaslMechanism == SaslMechanism.OAuthBearer)
        {
            return (null, null);
        }

        string? user = SaslUsername ?? jaas?.Option("username");
        string? password = SaslPassword ?? jaas?.Option("password");
        if (string.IsNullOrEmpty(user) || password is null)
        {
            throw new ArgumentException(
                $"The SASL mechanism {mechanism} needs a user name and a password: set sasl.username and sasl.password (or sasl.jaas.config).");
        }

        return (user, password);
    }

    private static void Exclusive(string? first, string firstName, string? second, string secondName)
    {
        if (first is not null && second is not null)
        {
            throw new ArgumentException($"{firstName} and {secondName} are both set; set one.");
        }
    }
}
