namespace Kafka.Client.Options;

/// <summary>The rows of the security properties (<c>security.protocol</c>, <c>ssl.*</c>, <c>sasl.*</c>) every client shares.</summary>
internal static class SecurityProperties
{
    private static readonly (string Name, SecurityProtocol Value)[] ProtocolNames =
    [
        ("PLAINTEXT", SecurityProtocol.Plaintext), ("SSL", SecurityProtocol.Ssl),
        ("SASL_PLAINTEXT", SecurityProtocol.SaslPlaintext), ("SASL_SSL", SecurityProtocol.SaslSsl),
    ];

    private static readonly (string Name, SaslMechanism Value)[] MechanismNames =
    [
        ("GSSAPI", SaslMechanism.Gssapi), ("PLAIN", SaslMechanism.Plain), ("SCRAM-SHA-256", SaslMechanism.ScramSha256),
        ("SCRAM-SHA-512", SaslMechanism.ScramSha512), ("OAUTHBEARER", SaslMechanism.OAuthBearer),
    ];

    // Java writes "https" or an empty value; librdkafka "https" or "none".
    private static readonly (string Name, SslEndpointIdentification Value)[] EndpointNames =
    [
        ("https", SslEndpointIdentification.Https), ("none", SslEndpointIdentification.None), ("", SslEndpointIdentification.None),
    ];

    private static readonly (string Name, SaslOAuthBearerMethod Value)[] OAuthMethodNames =
    [
        ("default", SaslOAuthBearerMethod.Default), ("oidc", SaslOAuthBearerMethod.Oidc),
    ];

    /// <summary>The Kafka name of a mechanism, e.g. <c>SCRAM-SHA-512</c>.</summary>
    public static string NameOf(SaslMechanism mechanism) => OptionProperties.NameOf(mechanism, MechanismNames) ?? mechanism.ToString();

    /// <summary>The Kafka name of a security protocol, e.g. <c>SASL_SSL</c>.</summary>
    public static string NameOf(SecurityProtocol protocol) => OptionProperties.NameOf(protocol, ProtocolNames) ?? protocol.ToString();

    /// <summary>The security rows, typed for the options class <typeparamref name="T"/>.</summary>
    public static IEnumerable<OptionProperty<T>> For<T>()
        where T : ClientOptions =>
    [
        OptionProperties.Enum("security.protocol", "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.", static (T o) => o.SecurityProtocol, static (o, v) => o.SecurityProtocol = v, ProtocolNames),
        OptionProperties.String<T>("ssl.ca.location", "PEM file or folder of CA certificates to trust.", static o => o.SslCaLocation, static (o, v) => o.SslCaLocation = v),
        OptionProperties.String<T>("ssl.ca.pem", "CA certificates to trust, PEM text.", static o => o.SslCaPem, static (o, v) => o.SslCaPem = v),
        OptionProperties.String<T>("ssl.certificate.location", "The client's certificate, a PEM file.", static o => o.SslCertificateLocation, static (o, v) => o.SslCertificateLocation = v),
        OptionProperties.String<T>("ssl.key.location", "The client's private key, a PEM file.", static o => o.SslKeyLocation, static (o, v) => o.SslKeyLocation = v),
        OptionProperties.Secret<T>("ssl.key.password", "Password of the private key.", static o => o.SslKeyPassword, static (o, v) => o.SslKeyPassword = v),
        OptionProperties.String<T>("ssl.certificate.pem", "The client's certificate, PEM text.", static o => o.SslCertificatePem, static (o, v) => o.SslCertificatePem = v),
        OptionProperties.Secret<T>("ssl.key.pem", "The client's private key, PEM text.", static o => o.SslKeyPem, static (o, v) => o.SslKeyPem = v),
        OptionProperties.Enum("ssl.endpoint.identification.algorithm", "https checks the broker's host name; none does not.", static (T o) => o.SslEndpointIdentificationAlgorithm, static (o, v) => o.SslEndpointIdentificationAlgorithm = v, EndpointNames),
        OptionProperties.Enum("sasl.mechanism", "PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER.", static (T o) => o.SaslMechanism, static (o, v) => o.SaslMechanism = v, MechanismNames),
        OptionProperties.String<T>("sasl.username", "User name for PLAIN and SCRAM.", static o => o.SaslUsername, static (o, v) => o.SaslUsername = v),
        OptionProperties.Secret<T>("sasl.password", "Password for PLAIN and SCRAM.", static o => o.SaslPassword, static (o, v) => o.SaslPassword = v),
        OptionProperties.Secret<T>("sasl.jaas.config", "A Java JAAS login configuration.", static o => o.SaslJaasConfig, static (o, v) => o.SaslJaasConfig = v),
        OptionProperties.Enum("sasl.oauthbearer.method", "default or oidc.", static (T o) => o.SaslOAuthBearerMethod, static (o, v) => o.SaslOAuthBearerMethod = v, OAuthMethodNames),
        OptionProperties.Boolean<T>("enable.sasl.oauthbearer.unsecure.jwt", "Make unsecured JWTs from sasl.oauthbearer.config (tests only).", static o => o.EnableSaslOAuthBearerUnsecureJwt, static (o, v) => o.EnableSaslOAuthBearerUnsecureJwt = v),
        OptionProperties.String<T>("sasl.oauthbearer.config", "Claims of the unsecured JWT: principal=NAME scope=... lifeSeconds=N extension_K=V.", static o => o.SaslOAuthBearerConfig, static (o, v) => o.SaslOAuthBearerConfig = v),
        OptionProperties.String<T>("sasl.oauthbearer.token.endpoint.url", "The OIDC token endpoint.", static o => o.SaslOAuthBearerTokenEndpointUrl, static (o, v) => o.SaslOAuthBearerTokenEndpointUrl = v),
        OptionProperties.String<T>("sasl.oauthbearer.client.id", "The OIDC client id.", static o => o.SaslOAuthBearerClientId, static (o, v) => o.SaslOAuthBearerClientId = v),
        OptionProperties.Secret<T>("sasl.oauthbearer.client.secret", "The OIDC client secret.", static o => o.SaslOAuthBearerClientSecret, static (o, v) => o.SaslOAuthBearerClientSecret = v),
        OptionProperties.String<T>("sasl.oauthbearer.scope", "The OIDC scope.", static o => o.SaslOAuthBearerScope, static (o, v) => o.SaslOAuthBearerScope = v),
        OptionProperties.String<T>("sasl.oauthbearer.extensions", "SASL extensions: key=value,key2=value2.", static o => o.SaslOAuthBearerExtensions, static (o, v) => o.SaslOAuthBearerExtensions = v),
    ];
}
