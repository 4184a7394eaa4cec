using System.Globalization;
using Kafka.Client.Options;

namespace Kafka.Client.Network.Security.OAuth;

/// <summary>Where a client's OAUTHBEARER tokens come from, chosen from its options (see <see cref="SaslOAuthBearerMethod"/>).</summary>
internal static class OAuthBearerSources
{
    /// <summary>The token fetch the options describe (not called here).</summary>
    /// <exception cref="ArgumentException">The options describe no token source, or an incomplete one; the message names the properties.</exception>
    public static Func<CancellationToken, ValueTask<OAuthBearerToken>> From(ClientOptions options, TimeProvider time)
    {
        if (options.SaslOAuthBearerTokenProvider is { } provider)
        {
            return provider;
        }

        JaasConfig? jaas = options.SaslJaasConfig is { } text ? JaasConfig.Parse(text) : null;
        string? endpoint = options.SaslOAuthBearerTokenEndpointUrl;
        bool unsecured = options.EnableSaslOAuthBearerUnsecureJwt || jaas?.Option("unsecuredLoginStringClaim_sub") is not null;
        if (options.SaslOAuthBearerMethod == SaslOAuthBearerMethod.Oidc || (endpoint is not null && !unsecured))
        {
            return Oidc(options, jaas, endpoint);
        }

        if (options.EnableSaslOAuthBearerUnsecureJwt)
        {
            var (principal, lifetime, scope, extensions) = UnsecuredJwt.ParseConfig(options.SaslOAuthBearerConfig);
            return _ => ValueTask.FromResult(UnsecuredJwt.Create(principal, lifetime, scope, extensions, time.GetUtcNow()));
        }

        if (jaas?.Option("unsecuredLoginStringClaim_sub") is { Length: > 0 } subject)
        {
            // Java's OAuthBearerUnsecuredLoginCallbackHandler: unsecuredLoginLifetimeSeconds (default 3600), unsecuredLoginExtension_NAME.
            int seconds = int.TryParse(jaas.Option("unsecuredLoginLifetimeSeconds"), NumberStyles.None, CultureInfo.InvariantCulture, out int s) && s > 0 ? s : 3600;
            Dictionary<string, string> extensions = Extensions(jaas, "unsecuredLoginExtension_");
            return _ => ValueTask.FromResult(UnsecuredJwt.Create(subject, TimeSpan.FromSeconds(seconds), [], extensions, time.GetUtcNow()));
        }

        throw new ArgumentException(
            "sasl.mechanism OAUTHBEARER needs a token source: set SaslOAuthBearerTokenProvider, or sasl.oauthbearer.token.endpoint.url " +
            "with sasl.oauthbearer.client.id and sasl.oauthbearer.client.secret (OIDC), or for tests enable.sasl.oauthbearer.unsecure.jwt=true " +
            "with sasl.oauthbearer.config=principal=NAME.");
    }

    private static Func<CancellationToken, ValueTask<OAuthBearerToken>> Oidc(ClientOptions options, JaasConfig? jaas, string? endpoint)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? url) || url.Scheme is not ("https" or "http"))
        {
            throw new ArgumentException("sasl.oauthbearer.method oidc needs sasl.oauthbearer.token.endpoint.url, an http(s) URL.");
        }

        string? clientId = options.SaslOAuthBearerClientId ?? jaas?.Option("clientId");
        string? clientSecret = options.SaslOAuthBearerClientSecret ?? jaas?.Option("clientSecret");
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(clientSecret))
        {
            throw new ArgumentException("The OIDC token endpoint needs sasl.oauthbearer.client.id and sasl.oauthbearer.client.secret (or the JAAS clientId and clientSecret).");
        }

        Dictionary<string, string> extensions = jaas is null ? [] : Extensions(jaas, "extension_");
        foreach (string pair in (options.SaslOAuthBearerExtensions ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"sasl.oauthbearer.extensions: '{pair}' is not key=value.");
            }

            extensions[pair[..equals]] = pair[(equals + 1)..];
        }

        var client = new OidcTokenClient(url, clientId, clientSecret, options.SaslOAuthBearerScope ?? jaas?.Option("scope"), extensions);
        return client.FetchAsync;
    }

    private static Dictionary<string, string> Extensions(JaasConfig jaas, string prefix) =>
        jaas.Options.Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal) && o.Key.Length > prefix.Length)
            .ToDictionary(o => o.Key[prefix.Length..], o => o.Value, StringComparer.Ordinal);
}
