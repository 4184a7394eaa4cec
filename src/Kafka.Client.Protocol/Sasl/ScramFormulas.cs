using System.Security.Cryptography;
using System.Text;

namespace Kafka.Client.Protocol.Sasl;

/// <summary>
/// The computations of SCRAM (RFC 5802, section 3) that a client and a server share: the salted password, the client
/// and server keys, the stored key and the signatures over the auth message. Passwords are UTF-8 without SASLprep,
/// as Kafka's <c>ScramFormatter</c> does.
/// </summary>
public static class ScramFormulas
{
    private static readonly byte[] ClientKeyLabel = "Client Key"u8.ToArray();
    private static readonly byte[] ServerKeyLabel = "Server Key"u8.ToArray();

    /// <summary>The fewest iterations Kafka accepts (<c>ScramMechanism.minIterations</c>).</summary>
    public const int MinIterations = 4096;

    /// <summary>The hash of a mechanism: SHA-256 for <c>SCRAM-SHA-256</c>, SHA-512 for <c>SCRAM-SHA-512</c>.</summary>
    /// <param name="mechanism">The SASL mechanism name.</param>
    /// <returns>The hash algorithm.</returns>
    /// <exception cref="ArgumentException">The mechanism is not a SCRAM mechanism Kafka has.</exception>
    public static HashAlgorithmName HashOf(string mechanism) => mechanism switch
    {
        "SCRAM-SHA-256" => HashAlgorithmName.SHA256,
        "SCRAM-SHA-512" => HashAlgorithmName.SHA512,
        _ => throw new ArgumentException($"'{mechanism}' is not SCRAM-SHA-256 or SCRAM-SHA-512.", nameof(mechanism)),
    };

    /// <summary><c>Hi(password, salt, i)</c>: PBKDF2 with HMAC of <paramref name="hash"/>.</summary>
    /// <param name="hash">The mechanism's hash.</param>
    /// <param name="password">The password.</param>
    /// <param name="salt">The salt.</param>
    /// <param name="iterations">The iteration count.</param>
    /// <returns>The salted password.</returns>
    public static byte[] SaltedPassword(HashAlgorithmName hash, string password, ReadOnlySpan<byte> salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, hash, SizeOf(hash));

    /// <summary><c>HMAC(SaltedPassword, "Client Key")</c>.</summary>
    /// <param name="hash">The mechanism's hash.</param>
    /// <param name="saltedPassword">The salted password.</param>
    /// <returns>The client key.</returns>
    public static byte[] ClientKey(HashAlgorithmName hash, ReadOnlySpan<byte> saltedPassword) => Hmac(hash, saltedPassword, ClientKeyLabel);

    /// <summary><c>HMAC(SaltedPassword, "Server Key")</c>.</summary>
    /// <param name="hash">The mechanism's hash.</param>
    /// <param name="saltedPassword">The salted password.</param>
    /// <returns>The server key.</returns>
    public static byte[] ServerKey(HashAlgorithmName hash, ReadOnlySpan<byte> saltedPassword) => Hmac(hash, saltedPassword, ServerKeyLabel);

    /// <summary><c>H(ClientKey)</c>: what a server stores to check a client's proof.</summary>
    /// <param name="hash">The mechanism's hash.</param>
    /// <param name="clientKey">The client key.</param>
    /// <returns>The stored key.</returns>
    public static byte[] StoredKey(HashAlgorithmName hash, ReadOnlySpan<byte> clientKey) =>
        hash == HashAlgorithmName.SHA512 ? SHA512.HashData(clientKey) : SHA256.HashData(clientKey);

    /// <summary><c>HMAC(key, AuthMessage)</c>: the client signature (with the stored key) or the server signature (with the server key).</summary>
    /// <param name="hash">The mechanism's hash.</param>
    /// <param name="key">The stored key or the server key.</param>
    /// <param name="authMessage">client-first-message-bare + "," + server-first-message + "," + client-final-message-without-proof.</param>
    /// <returns>The signature.</returns>
    public static byte[] Signature(HashAlgorithmName hash, ReadOnlySpan<byte> key, string authMessage) =>
        Hmac(hash, key, Encoding.UTF8.GetBytes(authMessage));

    /// <summary>The byte-wise exclusive or of two arrays of one length (the proof is ClientKey XOR ClientSignature, and back).</summary>
    /// <param name="left">One array.</param>
    /// <param name="right">The other, as long.</param>
    /// <returns>A new array.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static byte[] Xor(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != right.Length)
        {
            throw new ArgumentException("SCRAM keys and signatures have the length of the hash.", nameof(right));
        }

        byte[] result = new byte[left.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = (byte)(left[i] ^ right[i]);
        }

        return result;
    }

    /// <summary>A user name as a SCRAM <c>saslname</c>: <c>=</c> as <c>=3D</c> and <c>,</c> as <c>=2C</c>.</summary>
    /// <param name="name">The user name.</param>
    /// <returns>The escaped name.</returns>
    public static string EscapeName(string name) => name.Replace("=", "=3D", StringComparison.Ordinal).Replace(",", "=2C", StringComparison.Ordinal);

    /// <summary>A <c>saslname</c> back as the user name.</summary>
    /// <param name="saslName">The escaped name.</param>
    /// <returns>The user name.</returns>
    /// <exception cref="FormatException">A <c>=</c> is not followed by <c>3D</c> or <c>2C</c>.</exception>
    public static string UnescapeName(string saslName)
    {
        var builder = new StringBuilder(saslName.Length);
        for (int i = 0; i < saslName.Length; i++)
        {
            if (saslName[i] != '=')
            {
                builder.Append(saslName[i]);
            }
            else if (string.CompareOrdinal(saslName, i, "=3D", 0, 3) == 0)
            {
                builder.Append('=');
                i += 2;
            }
            else if (string.CompareOrdinal(saslName, i, "=2C", 0, 3) == 0)
            {
                builder.Append(',');
                i += 2;
            }
            else
            {
                throw new FormatException("A SCRAM user name has '=' only as '=3D' or '=2C'.");
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The attributes of a SCRAM message (<c>r=...,s=...,i=...</c>) by their one-letter names; the GS2 header of a
    /// client-first message is not an attribute list and must be cut off first.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <returns>The attributes; a later one of the same name wins.</returns>
    /// <exception cref="FormatException">An item is not <c>letter=value</c>.</exception>
    public static Dictionary<char, string> ParseAttributes(string message)
    {
        var attributes = new Dictionary<char, string>();
        foreach (string item in message.Split(','))
        {
            if (item.Length < 2 || item[1] != '=' || !char.IsAsciiLetter(item[0]))
            {
                throw new FormatException($"'{item}' is not a SCRAM attribute (letter=value).");
            }

            attributes[item[0]] = item[2..];
        }

        return attributes;
    }

    /// <summary>A fresh nonce: 24 random bytes, base64 (printable, no comma).</summary>
    /// <returns>The nonce.</returns>
    public static string NewNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    private static int SizeOf(HashAlgorithmName hash) => hash == HashAlgorithmName.SHA512 ? 64 : 32;

    private static byte[] Hmac(HashAlgorithmName hash, ReadOnlySpan<byte> key, ReadOnlySpan<byte> data) =>
        hash == HashAlgorithmName.SHA512 ? HMACSHA512.HashData(key, data) : HMACSHA256.HashData(key, data);
}
