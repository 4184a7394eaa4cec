namespace Kafka.Client;

/// <summary>The SASL OAUTHBEARER settings (KIP-255, KIP-768) every client shares.</summary>
public abstract partial class ClientOptions
{
    /// <summary>
    /// Gets OAUTHBEARER tokens from the application (as Confluent.Kafka's <c>SetOAuthBearerTokenRefreshHandler</c>):
    /// called for the first connection and again before the token expires. An exception it throws fails the
    /// connection with a <see cref="KafkaAuthenticationException"/>.
    /// </summary>
    /// <remarks>Not a Kafka property. Default null: the token comes from <see cref="SaslOAuthBearerMethod"/>.</remarks>
    public Func<CancellationToken, ValueTask<OAuthBearerToken>>? SaslOAuthBearerTokenProvider { get; set; }

    /// <summary>Where the tokens come from when no <see cref="SaslOAuthBearerTokenProvider"/> is set.</summary>
    /// <remarks>Kafka (librdkafka): <c>sasl.oauthbearer.method</c> (<c>default</c> or <c>oidc</c>). Default <c>default</c>.</remarks>
    public SaslOAuthBearerMethod SaslOAuthBearerMethod { get; set; }

    /// <summary>True to make unsecured JWTs (<c>"alg":"none"</c>) for testing, from <see cref="SaslOAuthBearerConfig"/>.</summary>
    /// <remarks>Kafka (librdkafka): <c>enable.sasl.oauthbearer.unsecure.jwt</c>. Default false. Never against a production cluster.</remarks>
    public bool EnableSaslOAuthBearerUnsecureJwt { get; set; }

    /// <summary>
    /// The unsecured JWT's claims, as librdkafka reads them: <c>principal=alice</c> (required),
    /// <c>scope=a,b</c>, <c>lifeSeconds=3600</c>, <c>extension_NAME=value</c>, separated by blanks.
    /// </summary>
    /// <remarks>Kafka (librdkafka): <c>sasl.oauthbearer.config</c>. Default null.</remarks>
    public string? SaslOAuthBearerConfig { get; set; }

    /// <summary>The OIDC token endpoint (KIP-768), e.g. <c>https://login.example.com/oauth2/token</c>.</summary>
    /// <remarks>Kafka: <c>sasl.oauthbearer.token.endpoint.url</c>. Default null.</remarks>
    public string? SaslOAuthBearerTokenEndpointUrl { get; set; }

    /// <summary>The OIDC client id (Java's JAAS <c>clientId</c>).</summary>
    /// <remarks>Kafka (librdkafka): <c>sasl.oauthbearer.client.id</c>. Default null.</remarks>
    public string? SaslOAuthBearerClientId { get; set; }

    /// <summary>The OIDC client secret (Java's JAAS <c>clientSecret</c>). A secret: printed as <c>[hidden]</c>.</summary>
    /// <remarks>Kafka (librdkafka): <c>sasl.oauthbearer.client.secret</c>. Default null.</remarks>
    public string? SaslOAuthBearerClientSecret { get; set; }

    /// <summary>The scope asked of the OIDC token endpoint (Java's JAAS <c>scope</c>).</summary>
    /// <remarks>Kafka (librdkafka): <c>sasl.oauthbearer.scope</c>. Default null: none asked.</remarks>
    public string? SaslOAuthBearerScope { get; set; }

    /// <summary>SASL extensions sent with OIDC tokens (KIP-342), <c>key=value,key2=value2</c>, e.g. <c>logicalCluster=lkc-123</c>.</summary>
    /// <remarks>Kafka (librdkafka): <c>sasl.oauthbearer.extensions</c>. Default null.</remarks>
    public string? SaslOAuthBearerExtensions { get; set; }
}
