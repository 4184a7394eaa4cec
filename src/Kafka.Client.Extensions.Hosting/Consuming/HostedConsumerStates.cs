using System.Collections.Concurrent;

namespace Kafka.Client.Consuming;

/// <summary>Every hosted consumer of the container, for the health checks.</summary>
internal sealed class HostedConsumerStates
{
    private readonly ConcurrentDictionary<string, HostedConsumerState> _states = new(StringComparer.Ordinal);

    public HostedConsumerState For(string name) => _states.GetOrAdd(name, static n => new HostedConsumerState(n));

    public IReadOnlyCollection<HostedConsumerState> All => [.. _states.Values];
}
