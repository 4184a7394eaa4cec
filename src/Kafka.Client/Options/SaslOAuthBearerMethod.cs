namespace Kafka.Client;

/// <summary>Where an OAUTHBEARER client gets its tokens (librdkafka's <c>sasl.oauthbearer.method</c>).</summary>
public enum SaslOAuthBearerMethod
{
    /// <summary>
    /// <see cref="ClientOptions.SaslOAuthBearerTokenProvider"/> when set; else an unsecured JWT
    /// (<c>enable.sasl.oauthbearer.unsecure.jwt</c>, or the JAAS <c>unsecuredLoginStringClaim_sub</c>); else OIDC when
    /// <c>sasl.oauthbearer.token.endpoint.url</c> is set (Java's way of choosing it).
    /// </summary>
    Default,

    /// <summary>The OIDC client-credentials flow (KIP-768): tokens from <c>sasl.oauthbearer.token.endpoint.url</c>.</summary>
    Oidc,
}
