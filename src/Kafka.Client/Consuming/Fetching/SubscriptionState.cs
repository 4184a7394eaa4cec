using System.Text.RegularExpressions;

namespace Kafka.Client.Consuming;

/// <summary>
/// What the consumer subscribes to and the state of every assigned partition, shared by the consume loop, the
/// fetcher and the group member. Changes happen under <see cref="Sync"/> and wake the fetcher through <see cref="Changed"/>.
/// </summary>
internal sealed class SubscriptionState
{
    private readonly Dictionary<TopicPartition, PartitionState> _assigned = [];
    private PartitionState[] _snapshot = [];

    public Lock Sync { get; } = new();

    public AsyncSignal Changed { get; } = new();

    public SubscriptionKind Kind { get; private set; }

    /// <summary>The subscribed topics (named, or those matching <see cref="Pattern"/> at the last metadata check).</summary>
    public IReadOnlySet<string> Topics { get; private set; } = new HashSet<string>(StringComparer.Ordinal);

    public Regex? Pattern { get; private set; }

    /// <summary>The assigned partitions' states; a new array after every change, so readers need no lock.</summary>
    public PartitionState[] Partitions => Volatile.Read(ref _snapshot);

    public PartitionState? Get(TopicPartition topicPartition)
    {
        lock (Sync)
        {
            return _assigned.GetValueOrDefault(topicPartition);
        }
    }

    public void SubscribeTopics(IEnumerable<string> topics)
    {
        lock (Sync)
        {
            ThrowIfManual();
            Kind = SubscriptionKind.Topics;
            Pattern = null;
            Topics = new HashSet<string>(topics, StringComparer.Ordinal);
        }
    }

    public void SubscribePattern(Regex pattern)
    {
        lock (Sync)
        {
            ThrowIfManual();
            Kind = SubscriptionKind.Pattern;
            Pattern = pattern;
            Topics = new HashSet<string>(StringComparer.Ordinal);
        }
    }

    /// <summary>Sets the topics a pattern matches now; true when they changed.</summary>
    public bool SetPatternTopics(IEnumerable<string> topics)
    {
        lock (Sync)
        {
            var next = new HashSet<string>(topics, StringComparer.Ordinal);
            if (next.SetEquals(Topics))
            {
                return false;
            }

            Topics = next;
            return true;
        }
    }

    /// <summary>Manual assignment: the consumer takes exactly these partitions, outside any group.</summary>
    public void AssignManually(IEnumerable<TopicPartitionOffset> partitions)
    {
        lock (Sync)
        {
            if (Kind is SubscriptionKind.Topics or SubscriptionKind.Pattern)
            {
                throw new InvalidOperationException("The consumer subscribes to topics; call Unsubscribe() before Assign().");
            }

            Kind = SubscriptionKind.Manual;
            var wanted = partitions.ToList();
            SetAssignment(wanted.Select(p => p.TopicPartition));
            foreach (TopicPartitionOffset p in wanted)
            {
                ApplyStartOffset(_assigned[p.TopicPartition], p.Offset);
            }

            Publish();
        }
    }

    public void Unsubscribe()
    {
        lock (Sync)
        {
            Kind = SubscriptionKind.None;
            Pattern = null;
            Topics = new HashSet<string>(StringComparer.Ordinal);
            SetAssignment([]);
            Publish();
        }
    }

    /// <summary>Replaces the assignment: states of kept partitions stay, new ones need a position, removed ones are marked unassigned.</summary>
    public void SetAssignment(IEnumerable<TopicPartition> partitions)
    {
        lock (Sync)
        {
            var wanted = new HashSet<TopicPartition>(partitions);
            foreach (var (tp, state) in _assigned.ToList())
            {
                if (!wanted.Contains(tp))
                {
                    state.Assigned = false;
                    state.Version++;
                    _assigned.Remove(tp);
                }
            }

            foreach (TopicPartition tp in wanted)
            {
                if (!_assigned.ContainsKey(tp))
                {
                    _assigned[tp] = new PartitionState(tp);
                }
            }

            Publish();
        }
    }

    /// <summary>Seeks: <see cref="Offset.Beginning"/>, <see cref="Offset.End"/>, <see cref="Offset.Stored"/> or an offset.</summary>
    public void Seek(TopicPartitionOffset position)
    {
        lock (Sync)
        {
            PartitionState state = _assigned.GetValueOrDefault(position.TopicPartition)
                ?? throw new InvalidOperationException($"Cannot seek {position.TopicPartition}: it is not assigned to this consumer.");
            ApplyStartOffset(state, position.Offset);
            Publish();
        }
    }

    public void SetPaused(IEnumerable<TopicPartition> partitions, bool paused)
    {
        lock (Sync)
        {
            foreach (TopicPartition tp in partitions)
            {
                PartitionState state = _assigned.GetValueOrDefault(tp)
                    ?? throw new InvalidOperationException($"Cannot {(paused ? "pause" : "resume")} {tp}: it is not assigned to this consumer.");
                if (state.Paused == paused)
                {
                    continue;
                }

                state.Paused = paused;
                if (paused && state.State == PositionState.Valid)
                {
                    // Records fetched but not handed out are dropped and fetched again after Resume.
                    state.SetPosition(state.ConsumedPosition);
                }
            }

            Publish();
        }
    }

    /// <summary>Wakes the fetcher after a change made directly on a <see cref="PartitionState"/>.</summary>
    public void Publish()
    {
        Volatile.Write(ref _snapshot, [.. _assigned.Values]);
        Changed.Set();
    }

    private static void ApplyStartOffset(PartitionState state, long offset)
    {
        switch (offset)
        {
            case Offset.Beginning:
            case Offset.End:
                state.State = PositionState.NeedsReset;
                state.ResetTo = offset;
                state.Error = null;
                state.Version++;
                break;
            case Offset.Stored:
            case Offset.Unset:
                state.State = PositionState.NeedsCommitted;
                state.Error = null;
                state.Version++;
                break;
            case < 0:
                throw new ArgumentOutOfRangeException(nameof(offset), offset, $"Offset {offset} of {state.TopicPartition} is not an offset, Offset.Beginning, Offset.End or Offset.Stored.");
            default:
                state.SetPosition(offset);
                break;
        }
    }

    private void ThrowIfManual()
    {
        if (Kind == SubscriptionKind.Manual)
        {
            throw new InvalidOperationException("The consumer has a manual assignment; call Unassign() (or Unsubscribe()) before Subscribe().");
        }
    }
}

