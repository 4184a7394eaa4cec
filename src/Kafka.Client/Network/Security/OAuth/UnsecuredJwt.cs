using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kafka.Client.Network.Security.OAuth;

/// <summary>
/// Unsecured JWTs (<c>"alg":"none"</c>, RFC 7519 section 6), as Java's <c>OAuthBearerUnsecuredLoginCallbackHandler</c>
/// and librdkafka's <c>enable.sasl.oauthbearer.unsecure.jwt</c> make them for tests; and reading a JWT's claims.
/// </summary>
internal static class UnsecuredJwt
{
    /// <summary>A token for <paramref name="principal"/> valid for <paramref name="lifetime"/>, with a <c>scope</c> claim when given.</summary>
    public static OAuthBearerToken Create(string principal, TimeSpan lifetime, IReadOnlyList<string> scope, IReadOnlyDictionary<string, string>? extensions, DateTimeOffset now)
    {
        long issued = now.ToUnixTimeSeconds();
        long expires = issued + (long)lifetime.TotalSeconds;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("sub", principal);
            json.WriteNumber("iat", issued);
            json.WriteNumber("exp", expires);
            if (scope.Count > 0)
            {
                json.WriteStartArray("scope");
                foreach (string s in scope)
                {
                    json.WriteStringValue(s);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        string token = Base64Url(Encoding.UTF8.GetBytes("{\"alg\":\"none\"}")) + "." + Base64Url(buffer.ToArray()) + ".";
        return new OAuthBearerToken(token, DateTimeOffset.FromUnixTimeSeconds(expires), principal, extensions);
    }

    /// <summary>The <c>sub</c> and <c>exp</c> claims of a JWT, or nulls when it is not one.</summary>
    public static (string? Subject, DateTimeOffset? Expiry) Claims(string jwt)
    {
        string[] parts = jwt.Split('.');
        if (parts.Length < 2)
        {
            return (null, null);
        }

        try
        {
            using JsonDocument payload = JsonDocument.Parse(FromBase64Url(parts[1]));
            JsonElement root = payload.RootElement;
            string? subject = root.TryGetProperty("sub", out JsonElement sub) && sub.ValueKind == JsonValueKind.String ? sub.GetString() : null;
            DateTimeOffset? expiry = root.TryGetProperty("exp", out JsonElement exp) && exp.TryGetInt64(out long seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
            return (subject, expiry);
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            return (null, null);
        }
    }

    /// <summary>Parses librdkafka's <c>sasl.oauthbearer.config</c>: <c>principal=NAME scope=a,b lifeSeconds=N extension_K=V</c>.</summary>
    /// <exception cref="ArgumentException">The principal is missing, or a part is not <c>key=value</c>.</exception>
    public static (string Principal, TimeSpan Lifetime, List<string> Scope, Dictionary<string, string> Extensions) ParseConfig(string? config)
    {
        string? principal = null;
        var lifetime = TimeSpan.FromHours(1);
        var scope = new List<string>();
        var extensions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string part in (config ?? "").Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"sasl.oauthbearer.config: '{part}' is not key=value.");
            }

            string key = part[..equals];
            string value = part[(equals + 1)..];
            if (key == "principal")
            {
                principal = value;
            }
            else if (key == "scope")
            {
                scope.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries));
            }
            else if (key == "lifeSeconds" && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) && seconds > 0)
            {
                lifetime = TimeSpan.FromSeconds(seconds);
            }
            else if (key.StartsWith("extension_", StringComparison.Ordinal) && key.Length > "extension_".Length)
            {
                extensions[key["extension_".Length..]] = value;
            }
            else
            {
                throw new ArgumentException($"sasl.oauthbearer.config: unknown key '{key}' (principal, scope, lifeSeconds, extension_NAME).");
            }
        }

        return string.IsNullOrEmpty(principal)
            ? throw new ArgumentException("enable.sasl.oauthbearer.unsecure.jwt needs sasl.oauthbearer.config with principal=NAME.")
            : (principal, lifetime, scope, extensions);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        string padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}
