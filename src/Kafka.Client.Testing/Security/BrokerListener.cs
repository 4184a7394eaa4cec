using System.Globalization;

namespace Kafka.Client.Testing.Security;

/// <summary>One listener of the brokers: its security protocol (which is also its name), host and first port.</summary>
internal sealed record BrokerListener(ListenerProtocol Protocol, string Host, int Port)
{
    private static readonly (string Name, ListenerProtocol Protocol)[] Names =
    [
        ("PLAINTEXT", ListenerProtocol.Plaintext), ("SSL", ListenerProtocol.Ssl),
        ("SASL_PLAINTEXT", ListenerProtocol.SaslPlaintext), ("SASL_SSL", ListenerProtocol.SaslSsl),
    ];

    /// <summary>The listener's name, its protocol's: <c>SASL_SSL</c>.</summary>
    public string Name => NameOf(Protocol);

    /// <summary>True for SSL and SASL_SSL.</summary>
    public bool UsesTls => Protocol is ListenerProtocol.Ssl or ListenerProtocol.SaslSsl;

    /// <summary>True for SASL_PLAINTEXT and SASL_SSL.</summary>
    public bool UsesSasl => Protocol is ListenerProtocol.SaslPlaintext or ListenerProtocol.SaslSsl;

    /// <summary>The Kafka name of a protocol.</summary>
    public static string NameOf(ListenerProtocol protocol) => Names.First(n => n.Protocol == protocol).Name;

    /// <summary>Parses <c>PROTOCOL://HOST:PORT</c>, as Kafka's <c>listeners</c> entries.</summary>
    /// <exception cref="ArgumentException">The text is not such an entry; the message says why.</exception>
    public static BrokerListener Parse(string text)
    {
        int scheme = text.IndexOf("://", StringComparison.Ordinal);
        int colon = text.LastIndexOf(':');
        if (scheme <= 0 || colon <= scheme + 2)
        {
            throw new ArgumentException($"The listener '{text}' is not PROTOCOL://HOST:PORT (for example SASL_SSL://127.0.0.1:9093).");
        }

        string name = text[..scheme].ToUpperInvariant();
        int index = Array.FindIndex(Names, n => n.Name == name);
        if (index < 0)
        {
            throw new ArgumentException($"The listener '{text}' has the protocol {name}; expected PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.");
        }

        string host = text[(scheme + 3)..colon].Trim('[', ']');
        if (host.Length == 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
        {
            throw new ArgumentException($"The listener '{text}' needs a host and a port from 0 to 65535.");
        }

        return new BrokerListener(Names[index].Protocol, host, port);
    }
}
