using System.Security.Cryptography;
using System.Text;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Sasl;

namespace Kafka.Client.Network.Security;

/// <summary>
/// SCRAM-SHA-256 and SCRAM-SHA-512 (RFC 5802, RFC 7677), client side, without channel binding (GS2 header <c>n,,</c>)
/// as Kafka's <c>ScramSaslClient</c>: client-first, client-final with the proof, then the server's signature is checked.
/// </summary>
internal sealed class ScramSaslClient : ISaslClient
{
    private const string Gs2Header = "n,,";
    private readonly HashAlgorithmName _hash;
    private readonly string _user;
    private readonly string _password;
    private readonly string _clientNonce;
    private string? _clientFirstBare;
    private byte[]? _expectedServerSignature;

    public ScramSaslClient(string mechanism, string user, string password, string? nonce = null)
    {
        Mechanism = mechanism;
        _hash = ScramFormulas.HashOf(mechanism);
        _user = user;
        _password = password;
        _clientNonce = nonce ?? ScramFormulas.NewNonce();
    }

    public string Mechanism { get; }

    public byte[] Start()
    {
        _clientFirstBare = $"n={ScramFormulas.EscapeName(_user)},r={_clientNonce}";
        return Encoding.UTF8.GetBytes(Gs2Header + _clientFirstBare);
    }

    public byte[]? Respond(ReadOnlySpan<byte> challenge)
    {
        string message = Encoding.UTF8.GetString(challenge);
        return _expectedServerSignature is null ? ClientFinal(message) : CheckServerFinal(message);
    }

    public override string ToString() => $"{Mechanism} as {_user}";

    private byte[] ClientFinal(string serverFirst)
    {
        Dictionary<char, string> attributes = Parse(serverFirst, "server-first");
        if (!attributes.TryGetValue('r', out string? nonce) || !nonce.StartsWith(_clientNonce, StringComparison.Ordinal) || nonce.Length == _clientNonce.Length)
        {
            throw Invalid("the server's nonce does not extend the client's");
        }

        if (!attributes.TryGetValue('s', out string? saltText) || !attributes.TryGetValue('i', out string? iterationsText)
            || !int.TryParse(iterationsText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int iterations))
        {
            throw Invalid("the server-first message lacks the salt or the iteration count");
        }

        if (iterations < ScramFormulas.MinIterations)
        {
            throw Invalid($"the server asks for {iterations} iterations, fewer than SCRAM's minimum of {ScramFormulas.MinIterations}");
        }

        byte[] salt;
        try
        {
            salt = Convert.FromBase64String(saltText);
        }
        catch (FormatException)
        {
            throw Invalid("the salt is not base64");
        }

        string withoutProof = $"c={Convert.ToBase64String(Encoding.UTF8.GetBytes(Gs2Header))},r={nonce}";
        string authMessage = _clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] salted = ScramFormulas.SaltedPassword(_hash, _password, salt, iterations);
        byte[] clientKey = ScramFormulas.ClientKey(_hash, salted);
        byte[] clientSignature = ScramFormulas.Signature(_hash, ScramFormulas.StoredKey(_hash, clientKey), authMessage);
        byte[] proof = ScramFormulas.Xor(clientKey, clientSignature);
        _expectedServerSignature = ScramFormulas.Signature(_hash, ScramFormulas.ServerKey(_hash, salted), authMessage);
        return Encoding.UTF8.GetBytes(withoutProof + ",p=" + Convert.ToBase64String(proof));
    }

    private byte[]? CheckServerFinal(string serverFinal)
    {
        Dictionary<char, string> attributes = Parse(serverFinal, "server-final");
        if (attributes.TryGetValue('e', out string? error))
        {
            throw new KafkaAuthenticationException(ErrorCode.SaslAuthenticationFailed, $"SASL {Mechanism} authentication failed: the broker answered '{error}'.");
        }

        if (!attributes.TryGetValue('v', out string? verifier) || !TryBase64(verifier, out byte[] signature)
            || !CryptographicOperations.FixedTimeEquals(signature, _expectedServerSignature))
        {
            throw Invalid("the broker's server signature is wrong: it does not know the credentials (is it the broker you meant?)");
        }

        return null;
    }

    private Dictionary<char, string> Parse(string message, string what)
    {
        try
        {
            return ScramFormulas.ParseAttributes(message);
        }
        catch (FormatException e)
        {
            throw Invalid($"the {what} message is malformed ({e.Message})");
        }
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length];
        if (Convert.TryFromBase64String(text, bytes, out int written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }

    private KafkaAuthenticationException Invalid(string why) =>
        new(ErrorCode.SaslAuthenticationFailed, $"SASL {Mechanism} authentication failed: {why}.");
}
