using System.Text;

namespace Kafka.Client.Testing.Security;

/// <summary>SASL PLAIN, server side, as Kafka's <c>PlainSaslServer</c>: <c>authzid NUL authcid NUL passwd</c>, the authzid empty or the user.</summary>
internal sealed class PlainSaslServer(SaslUserStore users) : ISaslServer
{
    public bool IsComplete { get; private set; }

    public string? User { get; private set; }

    public byte[] Evaluate(ReadOnlySpan<byte> message)
    {
        string[] parts = Encoding.UTF8.GetString(message).Split('\0');
        if (parts.Length != 3 || parts[1].Length == 0)
        {
            throw new SaslFailure("Invalid SASL/PLAIN response: expected 3 tokens, authorization id, user name and password.");
        }

        if (parts[0].Length > 0 && parts[0] != parts[1])
        {
            throw new SaslFailure("Authentication failed: Client requested an authorization id that is different from username");
        }

        if (!users.CheckPlain(parts[1], parts[2]))
        {
            throw new SaslFailure("Authentication failed: Invalid username or password");
        }

        User = parts[1];
        IsComplete = true;
        return [];
    }
}
