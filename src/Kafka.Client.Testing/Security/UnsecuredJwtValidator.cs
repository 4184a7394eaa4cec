using System.Text;
using System.Text.Json;

namespace Kafka.Client.Testing.Security;

/// <summary>
/// The default OAUTHBEARER validation of the embedded broker, as Kafka's <c>OAuthBearerUnsecuredValidatorCallbackHandler</c>:
/// an unsecured JWT (header <c>"alg":"none"</c>, no signature) with a <c>sub</c> claim and an <c>exp</c> claim in the
/// future (and an <c>iat</c>, if any, not in the future); anything else is refused.
/// </summary>
internal static class UnsecuredJwtValidator
{
    /// <summary>The token's principal and expiry, or null when it is refused.</summary>
    public static OAuthBearerValidation? Validate(string token)
    {
        string[] parts = token.Split('.');
        if (parts.Length != 3 || parts[2].Length != 0)
        {
            return null;
        }

        try
        {
            using JsonDocument header = JsonDocument.Parse(Decode(parts[0]));
            if (!header.RootElement.TryGetProperty("alg", out JsonElement alg) || alg.GetString() != "none")
            {
                return null;
            }

            using JsonDocument payload = JsonDocument.Parse(Decode(parts[1]));
            JsonElement claims = payload.RootElement;
            long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            if (!claims.TryGetProperty("sub", out JsonElement sub) || sub.ValueKind != JsonValueKind.String || sub.GetString() is not { Length: > 0 } subject
                || !claims.TryGetProperty("exp", out JsonElement exp) || !exp.TryGetDouble(out double expires) || expires <= now
                || (claims.TryGetProperty("iat", out JsonElement iat) && (!iat.TryGetDouble(out double issued) || issued > now + 1)))
            {
                return null;
            }

            return new OAuthBearerValidation(subject, DateTimeOffset.FromUnixTimeMilliseconds((long)(expires * 1000)));
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static byte[] Decode(string part)
    {
        string padded = part.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}
