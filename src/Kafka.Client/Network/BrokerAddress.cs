using System.Globalization;

namespace Kafka.Client.Network;

/// <summary>A broker's host and port, parsed from "host:port".</summary>
internal readonly record struct BrokerAddress(string Host, int Port)
{
    public static IReadOnlyList<BrokerAddress> ParseList(string bootstrapServers)
    {
        var list = new List<BrokerAddress>();
        foreach (string part in bootstrapServers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            list.Add(Parse(part));
        }

        if (list.Count == 0)
        {
            throw new ArgumentException("bootstrap.servers lists no broker.", nameof(bootstrapServers));
        }

        return list;
    }

    public static BrokerAddress Parse(string text)
    {
        string value = text.Trim();
        int schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            value = value[(schemeEnd + 3)..];
        }

        int colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is <= 0 or > 65535)
        {
            throw new ArgumentException($"'{text}' is not a broker address of the form host:port.", nameof(text));
        }

        string host = value[..colon].Trim('[', ']');
        return new BrokerAddress(host, port);
    }

    public override string ToString() => $"{Host}:{Port}";
}
