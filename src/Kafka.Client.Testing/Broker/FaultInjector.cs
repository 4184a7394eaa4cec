using System.Collections.Concurrent;
using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.Broker;

/// <summary>
/// Faults tests ask for: answer the next N requests of an API with an error or with a response cut short, or delay
/// its responses.
/// </summary>
internal sealed class FaultInjector
{
    private readonly ConcurrentDictionary<(int Broker, ApiKey Api, bool BeforeHandling), TimeSpan> _delays = new();
    private readonly ConcurrentDictionary<(int Broker, ApiKey Api, bool Truncate), (int Remaining, ErrorCode Error)> _errors = new();
    private readonly Lock _sync = new();

    /// <summary>Broker id meaning "every broker".</summary>
    public const int AnyBroker = -1;

    public void SetDelay(int broker, ApiKey api, TimeSpan delay, bool beforeHandling = false)
    {
        if (delay <= TimeSpan.Zero)
        {
            _delays.TryRemove((broker, api, beforeHandling), out _);
        }
        else
        {
            _delays[(broker, api, beforeHandling)] = delay;
        }
    }

    /// <summary>How long to hold a request of <paramref name="api"/> before handling it (true) or before answering it (false).</summary>
    public TimeSpan DelayFor(int broker, ApiKey api, bool beforeHandling = false) =>
        _delays.IsEmpty ? TimeSpan.Zero
        : _delays.TryGetValue((broker, api, beforeHandling), out TimeSpan own) ? own
        : _delays.TryGetValue((AnyBroker, api, beforeHandling), out TimeSpan any) ? any
        : TimeSpan.Zero;

    public void FailNext(int broker, ApiKey api, int count, ErrorCode error)
    {
        lock (_sync)
        {
            _errors[(broker, api, false)] = (count, error);
        }
    }

    /// <summary>Cuts the next <paramref name="count"/> responses of <paramref name="api"/> short after their header.</summary>
    public void TruncateNext(int broker, ApiKey api, int count)
    {
        lock (_sync)
        {
            _errors[(broker, api, true)] = (count, ErrorCode.None);
        }
    }

    /// <summary>Takes one injected error for this request, if one is pending.</summary>
    public ErrorCode Take(int broker, ApiKey api) => Take(broker, api, truncate: false).Error;

    /// <summary>Takes one injected truncation for this response, if one is pending.</summary>
    public bool TakeTruncation(int broker, ApiKey api) => Take(broker, api, truncate: true).Taken;

    private (bool Taken, ErrorCode Error) Take(int broker, ApiKey api, bool truncate)
    {
        if (_errors.IsEmpty)
        {
            return (false, ErrorCode.None);
        }

        lock (_sync)
        {
            foreach (int key in (ReadOnlySpan<int>)[broker, AnyBroker])
            {
                if (_errors.TryGetValue((key, api, truncate), out var pending) && pending.Remaining > 0)
                {
                    if (pending.Remaining == 1)
                    {
                        _errors.TryRemove((key, api, truncate), out _);
                    }
                    else
                    {
                        _errors[(key, api, truncate)] = (pending.Remaining - 1, pending.Error);
                    }

                    return (true, pending.Error);
                }
            }
        }

        return (false, ErrorCode.None);
    }
}
