using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Kafka.Client.Network.Security.OAuth;

/// <summary>
/// The OIDC client-credentials grant (RFC 6749 section 4.4) of KIP-768, as Java's <c>OAuthBearerLoginCallbackHandler</c>
/// and librdkafka's <c>sasl.oauthbearer.method=oidc</c>: a POST of <c>grant_type=client_credentials</c> (and the scope)
/// with the client id and secret as HTTP Basic credentials; the answer's <c>access_token</c> and <c>expires_in</c>.
/// </summary>
internal sealed class OidcTokenClient(Uri endpoint, string clientId, string clientSecret, string? scope, IReadOnlyDictionary<string, string>? extensions)
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Asks the endpoint for a token.</summary>
    /// <exception cref="KafkaAuthenticationException">The endpoint refused or answered something that is not a token (its message, never the secret).</exception>
    public async ValueTask<OAuthBearerToken> FetchAsync(CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (!string.IsNullOrEmpty(scope))
        {
            form.Add(new("scope", scope));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };
        string basic = Uri.EscapeDataString(clientId) + ":" + Uri.EscapeDataString(clientSecret);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using HttpResponseMessage response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw Refused($"the token endpoint {endpoint} answered {(int)response.StatusCode} {response.ReasonPhrase}{Detail(body)}");
        }

        string? token;
        long? expiresIn = null;
        try
        {
            using JsonDocument json = JsonDocument.Parse(body);
            token = json.RootElement.TryGetProperty("access_token", out JsonElement value) ? value.GetString() : null;
            if (json.RootElement.TryGetProperty("expires_in", out JsonElement expires) && expires.TryGetInt64(out long seconds))
            {
                expiresIn = seconds;
            }
        }
        catch (JsonException)
        {
            throw Refused($"the token endpoint {endpoint} did not answer JSON");
        }

        if (string.IsNullOrEmpty(token))
        {
            throw Refused($"the token endpoint {endpoint} answered no access_token");
        }

        (string? subject, DateTimeOffset? jwtExpiry) = UnsecuredJwt.Claims(token);
        DateTimeOffset expiry = expiresIn is { } e ? DateTimeOffset.UtcNow.AddSeconds(e) : jwtExpiry ?? DateTimeOffset.UtcNow.AddHours(1);
        return new OAuthBearerToken(token, expiry, subject ?? clientId, extensions);
    }

    private static KafkaAuthenticationException Refused(string why) =>
        new(Protocol.ErrorCode.SaslAuthenticationFailed, $"No OAUTHBEARER token (OIDC): {why}.");

    // An OAuth error answer ({"error":"invalid_client","error_description":"..."}) holds no secret; anything else is not shown.
    private static string Detail(string body)
    {
        try
        {
            using JsonDocument json = JsonDocument.Parse(body);
            string? error = json.RootElement.TryGetProperty("error", out JsonElement e) ? e.GetString() : null;
            return error is null ? "" : string.Create(CultureInfo.InvariantCulture, $": {error}");
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
