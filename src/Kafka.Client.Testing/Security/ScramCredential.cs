using System.Security.Cryptography;
using Kafka.Client.Protocol.Sasl;

namespace Kafka.Client.Testing.Security;

/// <summary>What a broker stores of a SCRAM user (as Kafka's <c>ScramCredential</c>): salt, iterations, stored key and server key; never the password.</summary>
internal sealed record ScramCredential(byte[] Salt, int Iterations, byte[] StoredKey, byte[] ServerKey)
{
    /// <summary>Derives the credential of <paramref name="password"/> for a mechanism, with a fresh salt.</summary>
    public static ScramCredential Create(string mechanism, string password, int iterations = ScramFormulas.MinIterations)
    {
        HashAlgorithmName hash = ScramFormulas.HashOf(mechanism);
        byte[] salt = RandomNumberGenerator.GetBytes(16);
        return FromSalted(mechanism, ScramFormulas.SaltedPassword(hash, password, salt, iterations), salt, iterations);
    }

    /// <summary>The credential of a salted password, as AlterUserScramCredentials sends it (KIP-554).</summary>
    public static ScramCredential FromSalted(string mechanism, byte[] saltedPassword, byte[] salt, int iterations)
    {
        HashAlgorithmName hash = ScramFormulas.HashOf(mechanism);
        return new ScramCredential(salt, iterations, ScramFormulas.StoredKey(hash, ScramFormulas.ClientKey(hash, saltedPassword)), ScramFormulas.ServerKey(hash, saltedPassword));
    }
}
