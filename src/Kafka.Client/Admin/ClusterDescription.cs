namespace Kafka.Client;

/// <summary>The cluster: its id, its controller and its live brokers.</summary>
/// <param name="ClusterId">The cluster id, or null from very old brokers.</param>
/// <param name="Controller">The controller (in KRaft, a random live broker, as brokers report it), or null when unknown.</param>
/// <param name="Nodes">The live brokers, by id.</param>
public sealed record ClusterDescription(string? ClusterId, Node? Controller, IReadOnlyList<Node> Nodes);
