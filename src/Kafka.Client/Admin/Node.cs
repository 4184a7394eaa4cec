namespace Kafka.Client;

/// <summary>A broker of the cluster.</summary>
/// <param name="Id">The broker's node id.</param>
/// <param name="Host">Its advertised host; empty for a replica on a broker the metadata does not list (offline).</param>
/// <param name="Port">Its advertised port; -1 when unknown.</param>
/// <param name="Rack">Its rack, or null.</param>
public sealed record Node(int Id, string Host, int Port, string? Rack)
{
    /// <summary>"host:port (id N)".</summary>
    public override string ToString() => $"{Host}:{Port} (id {Id})";
}
