using System.Text;

namespace Kafka.Client.Network.Security;

/// <summary>SASL PLAIN (RFC 4616): one message, <c>authzid NUL authcid NUL passwd</c> with an empty authzid, as Kafka's client sends it.</summary>
internal sealed class PlainSaslClient(string user, string password) : ISaslClient
{
    public string Mechanism => "PLAIN";

    public byte[] Start() => Encoding.UTF8.GetBytes("\0" + user + "\0" + password);

    // The broker answers an accepted PLAIN message with no bytes; there is nothing more to send.
    public byte[]? Respond(ReadOnlySpan<byte> challenge) => null;

    public override string ToString() => $"PLAIN as {user}";
}
