using System.Diagnostics;
using System.Globalization;
using Kafka.Client.Testing;

namespace Kafka.Client.Benchmarks.EndToEnd;

/// <summary>
/// `e2e rebalance`: how long a consumer group of N members takes to settle after one more joins, and how many records
/// the members already there consume meanwhile, for this client with the classic protocol (eager <c>range</c> and
/// <c>cooperative-sticky</c>) and with the consumer protocol (KIP-848). Records keep flowing into the topic the whole
/// time. One embedded broker in this process serves every run; the heartbeat interval is the same for both protocols.
/// </summary>
internal static class GroupSettle
{
    private const string Topic = "e2e-rebalance";

    public static async Task<int> RunAsync(string[] args)
    {
        int members = Options.Int(args, "--members", 10);
        int partitions = Options.Int(args, "--partitions", 30);
        int heartbeatMs = Options.Int(args, "--heartbeat-interval-ms", 500);
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions
        {
            GroupMinSessionTimeoutMs = 1_000,
            ConsumerGroupMinHeartbeatIntervalMs = 50,
            ConsumerGroupHeartbeatIntervalMs = heartbeatMs,
            ConsumerGroupMinSessionTimeoutMs = 1_000,
            ConsumerGroupSessionTimeoutMs = 10_000,
        });
        await cluster.CreateTopicAsync(Topic, partitions, replicationFactor: 1);
        using var flowing = new CancellationTokenSource();
        Task producing = ProduceAsync(cluster.BootstrapServers, flowing.Token);

        var runs = new List<(string Name, Func<int, ConsumerOptions> Options)>
        {
            ("classic eager (range)", i => Classic(cluster, "eager", PartitionAssignmentStrategy.Range, heartbeatMs)),
            ("classic cooperative-sticky", i => Classic(cluster, "cooperative", PartitionAssignmentStrategy.CooperativeSticky, heartbeatMs)),
        };
        runs.AddRange(ConsumerProtocolRuns(cluster));
        foreach (var (name, options) in runs)
        {
            (TimeSpan settle, long consumedByOthers, int pauses) = await MeasureAsync(members, partitions, options);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rebalance protocol=\"{name}\" members={members} partitions={partitions} heartbeat_ms={heartbeatMs} settle_ms={settle.TotalMilliseconds:F0} consumed_by_others_meanwhile={consumedByOthers} others_records_per_s={consumedByOthers / settle.TotalSeconds:F0} members_that_lost_everything={pauses}"));
        }

        await flowing.CancelAsync();
        await producing;
        return 0;
    }

    private static ConsumerOptions Classic(EmbeddedKafkaCluster cluster, string group, PartitionAssignmentStrategy strategy, int heartbeatMs) => new()
    {
        BootstrapServers = cluster.BootstrapServers,
        GroupId = "settle-" + group,
        PartitionAssignmentStrategy = [strategy],
        HeartbeatIntervalMs = heartbeatMs,
        SessionTimeoutMs = 10_000,
        AutoOffsetReset = AutoOffsetReset.Latest,
        FetchMaxWaitMs = 50,
    };

    /// <summary>The consumer protocol: the broker assigns (uniform), and the heartbeat interval is the broker's.</summary>
    private static IEnumerable<(string Name, Func<int, ConsumerOptions> Options)> ConsumerProtocolRuns(EmbeddedKafkaCluster cluster) =>
    [
        ("consumer (KIP-848, uniform)", i => new ConsumerOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "settle-consumer",
            GroupProtocol = GroupProtocol.Consumer,
            AutoOffsetReset = AutoOffsetReset.Latest,
            FetchMaxWaitMs = 50,
        }),
    ];

    /// <summary>Starts N members, waits until they settle, starts one more and times the group until it settles again.</summary>
    private static async Task<(TimeSpan Settle, long ConsumedByOthers, int Pauses)> MeasureAsync(int count, int partitions, Func<int, ConsumerOptions> options)
    {
        var members = new List<Member>();
        try
        {
            for (int i = 0; i < count - 1; i++)
            {
                members.Add(new Member(options(i)));
            }

            await SettledAsync(members, partitions, TimeSpan.FromSeconds(120));
            long before = members.Sum(m => m.Consumed);
            foreach (Member m in members)
            {
                m.LostEverything = false;
            }

            var clock = Stopwatch.StartNew();
            members.Add(new Member(options(count - 1)));
            await SettledAsync(members, partitions, TimeSpan.FromSeconds(120));
            TimeSpan settle = clock.Elapsed;
            long consumed = members.Take(count - 1).Sum(m => m.Consumed) - before;
            return (settle, consumed, members.Take(count - 1).Count(m => m.LostEverything));
        }
        finally
        {
            foreach (Member m in members)
            {
                await m.DisposeAsync();
            }
        }
    }

    private static async Task SettledAsync(List<Member> members, int partitions, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var held = members.SelectMany(m => m.Assignment).ToList();
            if (held.Count == partitions && held.Distinct().Count() == partitions && members.All(m => m.Assignment.Count > 0))
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"the group did not settle in {timeout.TotalSeconds} s");
            }

            await Task.Delay(5);
        }
    }

    private static async Task ProduceAsync(string bootstrap, CancellationToken cancellationToken)
    {
        await using var producer = new KafkaProducer<Null, string>(new ProducerOptions { BootstrapServers = bootstrap, LingerMs = 5 });
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                for (int i = 0; i < 100; i++)
                {
                    _ = producer.ProduceAsync(Topic, new Message<Null, string> { Value = "v" }, cancellationToken);
                }

                await Task.Delay(10, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A consumer reading in the background, counting records and noting whether it lost all its partitions.</summary>
    private sealed class Member : IAsyncDisposable
    {
        private readonly KafkaConsumer<Ignore, string> _consumer;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private long _consumed;

        public Member(ConsumerOptions options)
        {
            _consumer = new KafkaConsumer<Ignore, string>(options);
            _consumer.Subscribe(Topic);
            _loop = Task.Run(async () =>
            {
                try
                {
                    await foreach (var record in _consumer.ConsumeAsync(_stop.Token))
                    {
                        Interlocked.Increment(ref _consumed);
                        if (_consumer.Assignment.Count == 0)
                        {
                            LostEverything = true;
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                }
            });
        }

        public long Consumed => Interlocked.Read(ref _consumed);

        private volatile bool _lostEverything;

        public bool LostEverything { get => _lostEverything; set => _lostEverything = value; }

        public IReadOnlyList<(string, int)> Assignment
        {
            get
            {
                IReadOnlyList<(string, int)> now = [.. _consumer.Assignment.Select(tp => (tp.Topic, tp.Partition))];
                if (now.Count == 0)
                {
                    LostEverything = true;
                }

                return now;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            await _consumer.DisposeAsync();
        }
    }
}
