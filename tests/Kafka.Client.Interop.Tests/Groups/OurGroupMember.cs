using System.Collections.Concurrent;
using Kafka.Client;

namespace Interop.Tests;

/// <summary>Our consumer in a group, reading with <c>await foreach</c> in the background and recording the values it reads.</summary>
internal sealed class OurGroupMember : IAsyncDisposable
{
    private readonly KafkaConsumer<Ignore, string> _consumer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public OurGroupMember(ConsumerOptions options, string topic, ConcurrentBag<string> seen)
    {
        _consumer = new KafkaConsumer<Ignore, string>(options);
        _consumer.Subscribe(topic);
        _loop = Task.Run(async () =>
        {
            try
            {
                await foreach (ConsumeResult<Ignore, string> record in _consumer.ConsumeAsync(_stop.Token))
                {
                    seen.Add(record.Message.Value);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    /// <summary>The assignment, as Confluent's partitions, to compare with a Confluent member's.</summary>
    public Confluent.Kafka.TopicPartition[] Assignment => [.. _consumer.Assignment.Select(tp => new Confluent.Kafka.TopicPartition(tp.Topic, tp.Partition))];

    public KafkaConsumer<Ignore, string> Consumer => _consumer;

    /// <summary>Stops reading and closes the consumer, which commits what was read (auto-commit) and leaves the group.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await _consumer.DisposeAsync();
    }
}
