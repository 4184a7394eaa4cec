using System.Net;
using System.Net.Sockets;

namespace Kafka.Client.Tests;

/// <summary>Addresses nothing listens on, for clients that must fail to connect.</summary>
internal static class RefusedAddress
{
    /// <summary>A loopback port that was free a moment ago: connecting to it is refused at once.</summary>
    public static string Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        string address = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();
        return address;
    }
}
