using System.Collections.Concurrent;
using Confluent.Kafka;

namespace Interop.Tests;

/// <summary>
/// A Confluent.Kafka consumer in a group, polling on its own thread: it records the values it reads, commits each
/// record, and exposes its current assignment. <see cref="Leave"/> closes it (the member leaves the group);
/// <see cref="Crash"/> disposes it without closing, so the coordinator must time it out.
/// </summary>
internal sealed class ConfluentGroupMember : IDisposable
{
    private readonly IConsumer<Ignore, string> _consumer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly ConcurrentBag<string>? _seen;
    private volatile TopicPartition[] _assignment = [];

    public ConfluentGroupMember(ConsumerConfig config, string topic, ConcurrentBag<string>? seen = null)
    {
        _seen = seen;
        _consumer = new ConsumerBuilder<Ignore, string>(config).Build();
        _consumer.Subscribe(topic);
        _thread = new Thread(Poll) { IsBackground = true };
        _thread.Start();
    }

    /// <summary>A group member's config: earliest offsets, no auto-commit (each record is committed after it is read).</summary>
    public static ConsumerConfig Config(string bootstrap, string group, GroupProtocol protocol = GroupProtocol.Classic) => new()
    {
        BootstrapServers = bootstrap,
        GroupId = group,
        GroupProtocol = protocol,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = false,
    };

    public TopicPartition[] Assignment => _assignment;

    public string MemberId => _consumer.MemberId;

    public IConsumer<Ignore, string> Consumer => _consumer;

    private void Poll()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                ConsumeResult<Ignore, string>? result = _consumer.Consume(TimeSpan.FromMilliseconds(50));
                if (result is { IsPartitionEOF: false })
                {
                    _seen?.Add(result.Message.Value);
                    _consumer.Commit(result);
                }
            }
            catch (KafkaException)
            {
            }

            _assignment = [.. _consumer.Assignment];
        }
    }

    private void StopPolling()
    {
        _stop.Cancel();
        _thread.Join();
    }

    public void Leave()
    {
        StopPolling();
        _consumer.Close();
        _consumer.Dispose();
    }

    public void Crash()
    {
        StopPolling();
        _consumer.Dispose();
    }

    public void Dispose()
    {
        if (!_stop.IsCancellationRequested)
        {
            Leave();
        }
    }
}
