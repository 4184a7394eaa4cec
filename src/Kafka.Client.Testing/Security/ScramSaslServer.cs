using System.Security.Cryptography;
using System.Text;
using Kafka.Client.Protocol.Sasl;

namespace Kafka.Client.Testing.Security;

/// <summary>
/// SCRAM-SHA-256/512, server side (RFC 5802), as Kafka's <c>ScramSaslServer</c>: client-first (GS2 header without
/// channel binding, user, nonce, optional extensions), server-first (nonce, salt, iterations), client-final (proof
/// checked against the stored key), server-final (the server signature).
/// </summary>
internal sealed class ScramSaslServer(string mechanism, SaslUserStore users) : ISaslServer
{
    private readonly HashAlgorithmName _hash = ScramFormulas.HashOf(mechanism);
    private string? _gs2Header;
    private string? _clientFirstBare;
    private string? _serverFirst;
    private string? _nonce;
    private ScramCredential? _credential;
    private string? _user;

    public bool IsComplete { get; private set; }

    public string? User => IsComplete ? _user : null;

    private string InvalidCredentials => $"Authentication failed during authentication due to invalid credentials with SASL mechanism {mechanism}";

    public byte[] Evaluate(ReadOnlySpan<byte> message)
    {
        string text = Encoding.UTF8.GetString(message);
        return _serverFirst is null ? ServerFirst(text) : ServerFinal(text);
    }

    private byte[] ServerFirst(string clientFirst)
    {
        // gs2-header = gs2-cbind-flag "," [ authzid ] ","; 'p' (channel binding) is not offered, so refused.
        int first = clientFirst.IndexOf(',', StringComparison.Ordinal);
        int second = first < 0 ? -1 : clientFirst.IndexOf(',', first + 1);
        if (second < 0 || clientFirst[0] is not ('n' or 'y') || first != 1)
        {
            throw new SaslFailure($"Invalid SCRAM client first message: expected a GS2 header without channel binding ({mechanism}).");
        }

        _gs2Header = clientFirst[..(second + 1)];
        _clientFirstBare = clientFirst[(second + 1)..];
        Dictionary<char, string> attributes = Parse(_clientFirstBare);
        if (!attributes.TryGetValue('n', out string? saslName) || !attributes.TryGetValue('r', out string? clientNonce) || clientNonce.Length == 0)
        {
            throw new SaslFailure("Invalid SCRAM client first message: the user name or the nonce is missing.");
        }

        try
        {
            _user = ScramFormulas.UnescapeName(saslName);
        }
        catch (FormatException e)
        {
            throw new SaslFailure($"Invalid SCRAM client first message: {e.Message}");
        }

        string authzid = _gs2Header[2..^1];
        if (authzid.Length > 0 && authzid != "a=" + saslName)
        {
            throw new SaslFailure("Authentication failed: Client requested an authorization id that is different from username");
        }

        _credential = users.Scram(_user, mechanism) ?? throw new SaslFailure(InvalidCredentials);
        _nonce = clientNonce + ScramFormulas.NewNonce();
        _serverFirst = $"r={_nonce},s={Convert.ToBase64String(_credential.Salt)},i={_credential.Iterations}";
        return Encoding.UTF8.GetBytes(_serverFirst);
    }

    private byte[] ServerFinal(string clientFinal)
    {
        if (IsComplete)
        {
            throw new SaslFailure("Unexpected SASL message: the SCRAM exchange is complete.");
        }

        int proofAt = clientFinal.LastIndexOf(",p=", StringComparison.Ordinal);
        if (proofAt < 0)
        {
            throw new SaslFailure("Invalid SCRAM client final message: no proof.");
        }

        string withoutProof = clientFinal[..proofAt];
        Dictionary<char, string> attributes = Parse(clientFinal);
        if (attributes.GetValueOrDefault('c') != Convert.ToBase64String(Encoding.UTF8.GetBytes(_gs2Header!)))
        {
            throw new SaslFailure("Invalid SCRAM client final message: the channel binding does not repeat the GS2 header.");
        }

        // Kafka's ScramSaslServer checks that the nonce ends with the server's, not that it equals it, and librdkafka 2.0
        // relies on that: its client-final repeats its own nonce before the combined one (seen with Debian's kcat).
        if (attributes.GetValueOrDefault('r') is not { } nonce || !nonce.EndsWith(_nonce!, StringComparison.Ordinal))
        {
            throw new SaslFailure("Invalid SCRAM client final message: the nonce does not end with the server's.");
        }

        byte[] proof;
        try
        {
            proof = Convert.FromBase64String(attributes['p']);
        }
        catch (FormatException)
        {
            throw new SaslFailure("Invalid SCRAM client final message: the proof is not base64.");
        }

        string authMessage = _clientFirstBare + "," + _serverFirst + "," + withoutProof;
        byte[] clientSignature = ScramFormulas.Signature(_hash, _credential!.StoredKey, authMessage);
        if (proof.Length != clientSignature.Length
            || !CryptographicOperations.FixedTimeEquals(ScramFormulas.StoredKey(_hash, ScramFormulas.Xor(proof, clientSignature)), _credential.StoredKey))
        {
            throw new SaslFailure(InvalidCredentials);
        }

        IsComplete = true;
        return Encoding.UTF8.GetBytes("v=" + Convert.ToBase64String(ScramFormulas.Signature(_hash, _credential.ServerKey, authMessage)));
    }

    private static Dictionary<char, string> Parse(string message)
    {
        try
        {
            return ScramFormulas.ParseAttributes(message);
        }
        catch (FormatException e)
        {
            throw new SaslFailure($"Invalid SCRAM message: {e.Message}");
        }
    }
}
