namespace Kafka.Client.Network;

/// <summary>What every connection of a client shares.</summary>
internal sealed record ConnectionSettings(
    string ClientId,
    TimeSpan RequestTimeout,
    TimeSpan ConnectTimeout,
    int MaxInFlight,
    int MaxResponseSize = 256 * 1024 * 1024,
    Security.SecuritySettings? Security = null)
{
    /// <summary>The software name and version sent in ApiVersions (KIP-511).</summary>
    public const string SoftwareName = "kafka-client-dotnet";

    public static string SoftwareVersion { get; } =
        typeof(ConnectionSettings).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
