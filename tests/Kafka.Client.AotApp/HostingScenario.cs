using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kafka.Client.AotApp;

/// <summary>
/// Kafka.Client.Extensions.Hosting compiled ahead of time: a generic host with a producer and a hosted consumer
/// configured from Kafka property names; the producer writes <see cref="Count"/> records, the handler sees them all
/// and the host stops once they are committed.
/// </summary>
internal sealed class HostingScenario(int count) : IScenario
{
    public string Name => "hosting";

    public int Count => count;

    public async Task<bool> RunAsync(string bootstrapServers, TextWriter output, CancellationToken cancellationToken)
    {
        string topic = $"aot-hosting-{Guid.NewGuid():N}";
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:Common:bootstrap.servers"] = bootstrapServers,
            ["Kafka:Producer:linger.ms"] = "5",
            ["Kafka:Consumer:group.id"] = topic,
            ["Kafka:Consumer:auto.offset.reset"] = "earliest",
        });
        var counter = new HandledCounter(count);
        builder.Services.AddSingleton(counter);
        builder.Services.AddKafkaProducer<string, string>(builder.Configuration.GetSection("Kafka:Producer"));
        builder.Services.AddKafkaConsumerHandler<CountingHandler, string, string>(builder.Configuration.GetSection("Kafka:Consumer"), o => o.Topics = [topic]);
        using IHost host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        KafkaProducer<string, string> producer = host.Services.GetRequiredService<KafkaProducer<string, string>>();
        for (int i = 0; i < count; i++)
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = $"k{i}", Value = $"v{i}" }, cancellationToken).ConfigureAwait(false);
        }

        await counter.All.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        await host.StopAsync(cancellationToken).ConfigureAwait(false);
        output.WriteLine($"hosting: {count} handled from {topic}");
        return true;
    }

    private sealed class HandledCounter(int expected)
    {
        private int _handled;

        public TaskCompletionSource All { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Handled()
        {
            if (Interlocked.Increment(ref _handled) == expected)
            {
                All.TrySetResult();
            }
        }
    }

    private sealed class CountingHandler(HandledCounter counter) : IKafkaMessageHandler<string, string>
    {
        public ValueTask HandleAsync(ConsumeResult<string, string> record, CancellationToken cancellationToken)
        {
            counter.Handled();
            return ValueTask.CompletedTask;
        }
    }
}
