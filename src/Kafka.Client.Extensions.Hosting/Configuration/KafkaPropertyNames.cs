using System.Text;

namespace Kafka.Client.Configuration;

/// <summary>
/// Configuration keys as Kafka property names: a key that already is one (<c>linger.ms</c>, <c>acks</c>) stays as it
/// is, an option name (<c>LingerMs</c>, <c>SaslOAuthBearerClientId</c>) becomes its Kafka name. No reflection: the
/// options classes name every option after its Kafka property, word by word.
/// </summary>
internal static class KafkaPropertyNames
{
    /// <summary>The Kafka property name for the configuration key <paramref name="key"/>.</summary>
    public static string ToKafkaName(string key)
    {
        if (key.Contains('.', StringComparison.Ordinal) || !HasUpper(key))
        {
            return key;
        }

        var name = new StringBuilder(key.Length + 8);
        for (int i = 0; i < key.Length; i++)
        {
            char c = key[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(key[i - 1]) || char.IsDigit(key[i - 1])))
            {
                name.Append('.');
            }

            name.Append(char.ToLowerInvariant(c));
        }

        // Kafka writes OAuth bearer as one word (sasl.oauthbearer.*); the options as two (SaslOAuthBearer*).
        return name.Replace("oauth.bearer", "oauthbearer").ToString();
    }

    private static bool HasUpper(string key)
    {
        foreach (char c in key)
        {
            if (char.IsUpper(c))
            {
                return true;
            }
        }

        return false;
    }
}
