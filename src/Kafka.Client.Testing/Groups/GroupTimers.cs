namespace Kafka.Client.Testing.Groups;

/// <summary>
/// Named one-shot timers of one group, as Kafka's coordinator timer keys them (a session timer per member, a join
/// and a sync timer per group). Scheduling a name replaces its previous timer. A timer's action runs under the
/// group's lock and only if the timer was neither replaced nor cancelled meanwhile, so a late callback never acts on
/// newer state. Callers hold the group's lock.
/// </summary>
internal sealed class GroupTimers(Lock sync, CancellationToken stopped, Action<Exception> onError)
{
    private readonly Dictionary<string, Entry> _timers = new(StringComparer.Ordinal);

    public static string Session(string memberId) => "session:" + memberId;

    public const string Join = "join";

    public const string Sync = "sync";

    /// <summary>Runs <paramref name="action"/> under the group's lock after <paramref name="delayMs"/>.</summary>
    public void Schedule(string name, long delayMs, Action action)
    {
        Cancel(name);
        if (stopped.IsCancellationRequested)
        {
            return;
        }

        var entry = new Entry(name, action);
        entry.Timer = new Timer(Fire, entry, Timeout.Infinite, Timeout.Infinite);
        _timers[name] = entry;
        entry.Timer.Change(Math.Clamp(delayMs, 0, uint.MaxValue - 1), Timeout.Infinite);
    }

    public void Cancel(string name)
    {
        if (_timers.Remove(name, out Entry? entry))
        {
            entry.Timer?.Dispose();
        }
    }

    public void CancelAll()
    {
        foreach (Entry entry in _timers.Values)
        {
            entry.Timer?.Dispose();
        }

        _timers.Clear();
    }

    private void Fire(object? state)
    {
        var entry = (Entry)state!;
        lock (sync)
        {
            if (stopped.IsCancellationRequested || !_timers.TryGetValue(entry.Name, out Entry? current) || current != entry)
            {
                return;
            }

            _timers.Remove(entry.Name);
            entry.Timer?.Dispose();
            try
            {
                entry.Action();
            }
            catch (Exception e)
            {
                onError(e);
            }
        }
    }

    private sealed class Entry(string name, Action action)
    {
        public string Name { get; } = name;

        public Action Action { get; } = action;

        public Timer? Timer { get; set; }
    }
}
