namespace Kafka.Client.Tests.Consuming;

/// <summary>A consumer in a group, consuming in the background and recording its rebalance events and records.</summary>
internal sealed class GroupMemberRunner : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _sync = new();
    private readonly List<TopicPartition> _revoked = [];
    private readonly List<TopicPartition> _lost = [];
    private readonly List<ConsumeResult<string, string>> _records = [];
    private Task _loop = Task.CompletedTask;
    private int _epoch;

    public GroupMemberRunner(string name, ConsumerOptions options, params string[] topics)
    {
        Name = name;
        Consumer = new KafkaConsumer<string, string>(options);
        Consumer.OnPartitionsAssigned = (_, _) =>
        {
            Interlocked.Increment(ref _epoch);
            return ValueTask.CompletedTask;
        };
        Consumer.OnPartitionsRevoked = (partitions, _) =>
        {
            lock (_sync)
            {
                _revoked.AddRange(partitions);
                _epoch++;
            }

            return ValueTask.CompletedTask;
        };
        Consumer.OnPartitionsLost = (partitions, _) =>
        {
            lock (_sync)
            {
                _lost.AddRange(partitions);
                _epoch++;
            }

            return ValueTask.CompletedTask;
        };
        Consumer.Subscribe(topics);
    }

    public string Name { get; }

    /// <summary>Changes at every assignment, revocation or loss: records within one epoch come from one unbroken ownership.</summary>
    public int Epoch => Volatile.Read(ref _epoch);

    public KafkaConsumer<string, string> Consumer { get; }

    /// <summary>Processes each record: by default just records it.</summary>
    public Func<ConsumeResult<string, string>, Task>? OnRecord { get; set; }

    public IReadOnlyList<TopicPartition> Revoked { get { lock (_sync) { return [.. _revoked]; } } }

    public IReadOnlyList<TopicPartition> Lost { get { lock (_sync) { return [.. _lost]; } } }

    public IReadOnlyList<ConsumeResult<string, string>> Records { get { lock (_sync) { return [.. _records]; } } }

    /// <summary>Forgets the revoked and lost partitions seen so far (to check one rebalance at a time).</summary>
    public void ClearEvents()
    {
        lock (_sync)
        {
            _revoked.Clear();
            _lost.Clear();
        }
    }

    public GroupMemberRunner Start()
    {
        _loop = Task.Run(async () =>
        {
            try
            {
                await foreach (ConsumeResult<string, string> record in Consumer.ConsumeAsync(_stop.Token))
                {
                    if (OnRecord is not null)
                    {
                        await OnRecord(record);
                    }

                    lock (_sync)
                    {
                        _records.Add(record);
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
        });
        return this;
    }

    /// <summary>Stops iterating without closing: the member stalls.</summary>
    public async Task StallAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StallAsync();
        await Consumer.DisposeAsync();
        _stop.Dispose();
    }

    public override string ToString() => $"{Name}: [{string.Join(", ", Consumer.Assignment)}]";
}
