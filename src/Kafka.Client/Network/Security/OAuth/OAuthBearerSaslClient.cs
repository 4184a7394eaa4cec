using System.Text;

namespace Kafka.Client.Network.Security.OAuth;

/// <summary>
/// SASL OAUTHBEARER (RFC 7628, KIP-255): one message, <c>n,,^Aauth=Bearer TOKEN^Akey=value^A^A</c> with the extensions
/// (KIP-342). A broker that refuses the token answers a JSON error instead of success; the client then sends
/// <c>^A</c> and the broker fails the exchange, as Kafka's <c>OAuthBearerSaslClient</c> does.
/// </summary>
internal sealed class OAuthBearerSaslClient(OAuthBearerToken token) : ISaslClient
{
    private const char Separator = '\u0001';
    private bool _answered;

    public string Mechanism => "OAUTHBEARER";

    /// <summary>The broker's JSON error (<c>{"status":"invalid_token"}</c>), once it refused the token.</summary>
    public string? ServerError { get; private set; }

    public byte[] Start()
    {
        var message = new StringBuilder("n,,").Append(Separator).Append("auth=Bearer ").Append(token.Value);
        foreach ((string key, string value) in token.Extensions ?? new Dictionary<string, string>())
        {
            message.Append(Separator).Append(key).Append('=').Append(value);
        }

        return Encoding.UTF8.GetBytes(message.Append(Separator).Append(Separator).ToString());
    }

    public byte[]? Respond(ReadOnlySpan<byte> challenge)
    {
        if (challenge.IsEmpty || _answered)
        {
            return null;
        }

        // RFC 7628 3.2.3: the error is answered with a lone separator; the broker then ends the exchange with an error.
        _answered = true;
        ServerError = Encoding.UTF8.GetString(challenge);
        return [(byte)Separator];
    }

    public override string ToString() => $"OAUTHBEARER as {token.Principal}";
}
