using System.Collections.Concurrent;
using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.Broker;

/// <summary>The latest requests of each API the brokers of the cluster decoded (a bounded window), for tests that check what a client sends.</summary>
internal sealed class RequestLog
{
    /// <summary>How many requests of one API are kept.</summary>
    public const int Window = 64;

    private readonly ConcurrentDictionary<ApiKey, ConcurrentQueue<(IKafkaRequest Request, short Version)>> _recent = new();

    public void Record(ApiKey api, IKafkaRequest request, short version)
    {
        ConcurrentQueue<(IKafkaRequest, short)> queue = _recent.GetOrAdd(api, static _ => new());
        queue.Enqueue((request, version));
        while (queue.Count > Window && queue.TryDequeue(out _))
        {
        }
    }

    /// <summary>The kept requests of <paramref name="api"/>, oldest first.</summary>
    public IReadOnlyList<(IKafkaRequest Request, short Version)> Recent(ApiKey api) =>
        _recent.TryGetValue(api, out var queue) ? [.. queue] : [];
}
