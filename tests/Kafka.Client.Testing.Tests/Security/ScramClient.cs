using System.Security.Cryptography;
using System.Text;
using Kafka.Client.Protocol.Sasl;

namespace Kafka.Client.Testing.Tests.Security;

/// <summary>
/// The client side of one SCRAM exchange (RFC 5802), written from the RFC with <see cref="ScramFormulas"/>, so the
/// tests can send a correct client-final, or one with a chosen nonce or proof.
/// </summary>
internal sealed class ScramClient(string mechanism, string user, string password)
{
    private readonly HashAlgorithmName _hash = ScramFormulas.HashOf(mechanism);
    private readonly string _clientNonce = ScramFormulas.NewNonce();
    private string? _serverFirst;
    private string? _authMessage;
    private byte[]? _saltedPassword;

    private string ClientFirstBare => $"n={ScramFormulas.EscapeName(user)},r={_clientNonce}";

    /// <summary>The combined nonce from the server-first message.</summary>
    public string ServerNonce { get; private set; } = "";

    public byte[] ClientFirst() => Encoding.UTF8.GetBytes("n,," + ClientFirstBare);

    /// <summary>Reads the server-first message (the combined nonce, the salt, the iterations).</summary>
    public void ReadServerFirst(ReadOnlySpan<byte> message)
    {
        _serverFirst = Encoding.UTF8.GetString(message);
        Dictionary<char, string> attributes = ScramFormulas.ParseAttributes(_serverFirst);
        ServerNonce = attributes['r'];
        Assert.That(ServerNonce, Does.StartWith(_clientNonce), "the server's nonce extends the client's");
        _saltedPassword = ScramFormulas.SaltedPassword(_hash, password, Convert.FromBase64String(attributes['s']), int.Parse(attributes['i'], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The client-final message with <paramref name="nonce"/> (default the server's) and the right proof, or <paramref name="proof"/>.</summary>
    public byte[] ClientFinal(string? nonce = null, string? proof = null)
    {
        string withoutProof = $"c={Convert.ToBase64String("n,,"u8)},r={nonce ?? ServerNonce}";
        _authMessage = ClientFirstBare + "," + _serverFirst + "," + withoutProof;
        if (proof is null)
        {
            byte[] clientKey = ScramFormulas.ClientKey(_hash, _saltedPassword);
            byte[] clientSignature = ScramFormulas.Signature(_hash, ScramFormulas.StoredKey(_hash, clientKey), _authMessage);
            proof = Convert.ToBase64String(ScramFormulas.Xor(clientKey, clientSignature));
        }

        return Encoding.UTF8.GetBytes(withoutProof + ",p=" + proof);
    }

    /// <summary>Asserts the server-final message carries the server signature: the server knew the password too.</summary>
    public void AssertServerFinal(ReadOnlySpan<byte> message)
    {
        byte[] serverKey = ScramFormulas.ServerKey(_hash, _saltedPassword);
        string expected = "v=" + Convert.ToBase64String(ScramFormulas.Signature(_hash, serverKey, _authMessage!));
        Assert.That(Encoding.UTF8.GetString(message), Is.EqualTo(expected));
    }
}
