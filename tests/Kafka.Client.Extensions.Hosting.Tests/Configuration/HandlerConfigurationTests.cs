using Kafka.Client.Configuration;
using Kafka.Client.Extensions.Hosting.Tests.Consuming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Polly;

namespace Kafka.Client.Extensions.Hosting.Tests.Configuration;

/// <summary>The hosted consumer's and the health checks' own options, from appsettings.json.</summary>
public class HandlerConfigurationTests
{
    private static readonly string HandlerName = typeof(JournalHandler).FullName!;

    private static IHost Host(string json)
    {
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));
        builder.Services.AddSingleton(new HandlerJournal());
        builder.Services.AddKafkaConsumerHandler<JournalHandler, string, string>(builder.Configuration.GetSection("Kafka:Orders"));
        builder.Services.AddHealthChecks().AddKafka(builder.Configuration.GetSection("Kafka:Health"));
        return builder.Build();
    }

    [Test]
    public void Handler_options_come_from_the_Handler_key_and_health_options_from_their_section()
    {
        using IHost host = Host("""
            {
              "Kafka": {
                "Orders": {
                  "bootstrap.servers": "localhost:9092", "group.id": "billing",
                  "Handler": {
                    "Topics": [ "orders", "refunds" ], "OnError": "deadletter", "DeadLetterTopic": "orders.dead", "DeadLetterProducerName": "dlt",
                    "Retry": { "MaxRetryAttempts": 5, "Delay": "00:00:00.250", "MaxDelay": "00:00:10", "BackoffType": "Linear", "UseJitter": true }
                  }
                },
                "Health": { "Timeout": "00:00:02", "MaxLag": 50, "MaxUnassigned": "00:00:30", "ConsumerTags": [ "live", "kafka" ], "BrokerTags": "ready,startup" }
              }
            }
            """);

        KafkaConsumerHandlerOptions handler = host.Services.GetRequiredService<IOptionsMonitor<KafkaConsumerHandlerOptions>>().Get(HandlerName);
        Assert.That(handler.Topics, Is.EqualTo(new[] { "orders", "refunds" }));
        Assert.That(handler.OnError, Is.EqualTo(KafkaHandlerErrorAction.DeadLetter));
        Assert.That(handler.DeadLetterTopic, Is.EqualTo("orders.dead"));
        Assert.That(handler.DeadLetterProducerName, Is.EqualTo("dlt"));
        Assert.That(handler.Retry!.MaxRetryAttempts, Is.EqualTo(5));
        Assert.That(handler.Retry.Delay, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
        Assert.That(handler.Retry.MaxDelay, Is.EqualTo(TimeSpan.FromSeconds(10)));
        Assert.That(handler.Retry.BackoffType, Is.EqualTo(DelayBackoffType.Linear));
        Assert.That(handler.Retry.UseJitter, Is.True);
        Assert.That(host.Services.GetRequiredService<IOptionsMonitor<ConsumerOptions>>().Get(HandlerName).GroupId, Is.EqualTo("billing"), "the section's other keys are the consumer's, and Handler is not one of them");

        KafkaHealthCheckOptions health = host.Services.GetRequiredService<IOptionsMonitor<KafkaHealthCheckOptions>>().Get(HealthOptionsSetup.Name);
        Assert.That(health.Timeout, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(health.MaxLag, Is.EqualTo(50));
        Assert.That(health.MaxUnassigned, Is.EqualTo(TimeSpan.FromSeconds(30)));
        HealthCheckServiceOptions checks = host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value;
        Assert.That(checks.Registrations.Single(r => r.Name == "kafka-consumers").Tags, Is.EquivalentTo(new[] { "live", "kafka" }));
        Assert.That(checks.Registrations.Single(r => r.Name == "kafka").Tags, Is.EquivalentTo(new[] { "ready", "startup" }));
    }

    [Test]
    public void Retry_null_or_no_retry_attempts_turn_the_retry_off_and_code_configures_over_the_configuration()
    {
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes("""
            { "A": { "Handler": { "Topics": "a", "Retry": null } }, "B": { "Handler": { "Topics": "b1, b2", "OnError": "Skip", "Retry": { "MaxRetryAttempts": 0 } } } }
            """)));
        builder.Services.AddKafkaConsumerHandler<JournalHandler, string, string>(builder.Configuration.GetSection("A"));
        builder.Services.AddKafkaConsumerHandler<OtherHandler, string, string>(builder.Configuration.GetSection("B"), o => o.OnError = KafkaHandlerErrorAction.Stop);
        using IHost host = builder.Build();
        IOptionsMonitor<KafkaConsumerHandlerOptions> options = host.Services.GetRequiredService<IOptionsMonitor<KafkaConsumerHandlerOptions>>();

        Assert.That(options.Get(HandlerName).Retry, Is.Null);
        Assert.That(options.Get(typeof(OtherHandler).FullName!).Retry, Is.Null);
        Assert.That(options.Get(typeof(OtherHandler).FullName!).Topics, Is.EqualTo(new[] { "b1", "b2" }), "a comma-separated string is a list");
        Assert.That(options.Get(typeof(OtherHandler).FullName!).OnError, Is.EqualTo(KafkaHandlerErrorAction.Stop), "the code's configure runs last");
    }

    [Test]
    public void Bad_handler_keys_fail_the_host_start_naming_each_configuration_path()
    {
        using IHost host = Host("""
            { "Kafka": { "Orders": { "bootstrap.servers": "localhost:9092", "group.id": "g",
              "Handler": { "Topics": ["orders"], "OnError": "Retry", "Retyr": { }, "Retry": { "Delay": "5", "MaxRetryAttempts": "many", "Backoff": "Linear" } } } } }
            """);

        OptionsValidationException? error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(error!.Failures, Is.EquivalentTo(new[]
        {
            "Configuration key 'Kafka:Orders:Handler:OnError': Invalid value 'Retry'; expected Stop, Skip, DeadLetter.",
            "Configuration key 'Kafka:Orders:Handler:Retry:MaxRetryAttempts': Invalid value 'many'; expected an integer of at least 0.",
            "Configuration key 'Kafka:Orders:Handler:Retry:Delay': Invalid value '5'; expected a duration such as 00:00:05 or 00:00:00.250.",
            "Configuration key 'Kafka:Orders:Handler:Retry:Backoff': Unknown retry option 'Backoff'; known: MaxRetryAttempts, Delay, MaxDelay, BackoffType, UseJitter.",
            "Configuration key 'Kafka:Orders:Handler:Retyr': Unknown hosted consumer option 'Retyr'; known: Topics, OnError, DeadLetterTopic, DeadLetterProducerName, BatchSize, BatchTimeout, CloseTimeout, CommitInterval, Retry.",
        }));
    }

    [Test]
    public void A_hosted_consumer_with_no_topics_fails_the_host_start_naming_the_key_to_set()
    {
        using IHost host = Host("""{ "Kafka": { "Orders": { "bootstrap.servers": "localhost:9092", "group.id": "g" } } }""");

        OptionsValidationException? error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(error!.Message, Does.Contain("has no topics: set the configuration key 'Kafka:Orders:Handler:Topics'"));
    }

    [Test]
    public void Bad_health_check_keys_fail_the_host_start_naming_each_configuration_path()
    {
        using IHost host = Host("""
            { "Kafka": { "Orders": { "bootstrap.servers": "localhost:9092", "group.id": "g", "Handler": { "Topics": "orders" } },
              "Health": { "MaxLag": -1, "Timeout": "soon", "MaxUnasigned": "00:01:00" } } }
            """);

        OptionsValidationException? error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(error!.Failures, Is.EquivalentTo(new[]
        {
            "Configuration key 'Kafka:Health:MaxLag': Invalid value '-1'; expected an integer of at least 0.",
            "Configuration key 'Kafka:Health:Timeout': Invalid value 'soon'; expected a duration such as 00:00:05 or 00:00:00.250.",
            "Configuration key 'Kafka:Health:MaxUnasigned': Unknown Kafka health check option 'MaxUnasigned'; known: Timeout, AdminClientName, MaxLag, MaxUnassigned, BrokerTags, ConsumerTags.",
        }));
    }

    private sealed class OtherHandler : IKafkaMessageHandler<string, string>
    {
        public ValueTask HandleAsync(ConsumeResult<string, string> record, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
