namespace Kafka.Client.Consuming;

/// <summary>
/// What the last successful ConsumerGroupHeartbeat sent of the fields that are sent only when they change (Java's
/// <c>HeartbeatState.SentFields</c>). <see cref="Reset"/> after joining or any error makes the next request full.
/// </summary>
internal sealed class HeartbeatFields
{
    /// <summary>Nothing is known to have been sent: send every field.</summary>
    public bool Full { get; private set; } = true;

    /// <summary>The subscribed topic names, sorted and joined, or null.</summary>
    public string? Topics { get; private set; }

    /// <summary>The subscribed regular expression, or null.</summary>
    public string? Regex { get; private set; }

    /// <summary>The version of the owned partitions last acknowledged.</summary>
    public int OwnedVersion { get; private set; } = -1;

    public void Reset()
    {
        Full = true;
        Topics = null;
        Regex = null;
        OwnedVersion = -1;
    }

    /// <summary>The coordinator answered a heartbeat that carried these values.</summary>
    public void Sent(string? topics, string? regex, int ownedVersion)
    {
        Full = false;
        Topics = topics;
        Regex = regex;
        OwnedVersion = ownedVersion;
    }
}
