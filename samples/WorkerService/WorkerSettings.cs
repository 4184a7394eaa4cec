namespace WorkerService;

/// <summary>Where the worker reads from.</summary>
/// <param name="BootstrapServers">The cluster.</param>
/// <param name="Topic">The topic to consume.</param>
/// <param name="GroupId">The consumer group; instances of the worker share its partitions.</param>
public sealed record WorkerSettings(string BootstrapServers, string Topic, string GroupId);
