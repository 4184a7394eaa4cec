using System.Globalization;
using System.Net;

namespace Kafka.Client.Options;

/// <summary>
/// Parses <c>bootstrap.servers</c>: comma-separated <c>host:port</c> entries, IPv6 hosts in brackets, an optional
/// <c>SCHEME://</c> prefix ignored, blank entries skipped, as Java's <c>ClientUtils.parseAndValidateAddresses</c>
/// (clients/src/main/java/org/apache/kafka/clients/ClientUtils.java, and <c>Utils.getHost</c>/<c>getPort</c>).
/// </summary>
internal static class BootstrapServerList
{
    /// <summary>The endpoints listed in <paramref name="servers"/>.</summary>
    /// <exception cref="FormatException">An entry is not <c>host:port</c>, or there is none; the message says which.</exception>
    public static List<DnsEndPoint> Parse(string? servers)
    {
        var endpoints = new List<DnsEndPoint>();
        if (servers is not null)
        {
            foreach (string entry in servers.Split(','))
            {
                string trimmed = entry.Trim();
                if (trimmed.Length == 0)
                {
                    continue;
                }

                endpoints.Add(ParseEntry(trimmed) ?? throw new FormatException($"'{trimmed}' is not host:port."));
            }
        }

        if (endpoints.Count == 0)
        {
            throw new FormatException("at least one host:port is required.");
        }

        return endpoints;
    }

    private static DnsEndPoint? ParseEntry(string entry)
    {
        ReadOnlySpan<char> rest = entry;
        int scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            rest = rest[(scheme + 3)..];
        }

        int colon = rest.LastIndexOf(':');
        if (colon <= 0)
        {
            return null;
        }

        ReadOnlySpan<char> host = rest[..colon];
        ReadOnlySpan<char> port = rest[(colon + 1)..];
        if (host[0] == '[')
        {
            if (host.Length < 3 || host[^1] != ']')
            {
                return null;
            }

            host = host[1..^1];
        }
        else if (host.Contains(':'))
        {
            return null; // an IPv6 address needs brackets: [::1]:9092
        }

        foreach (char c in host)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '%' or '.' or '_' or ':'))
            {
                return null;
            }
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int portNumber) || portNumber is < 1 or > 65535)
        {
            return null;
        }

        return new DnsEndPoint(host.ToString(), portNumber);
    }
}
