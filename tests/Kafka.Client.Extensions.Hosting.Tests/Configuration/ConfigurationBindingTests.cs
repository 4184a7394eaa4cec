using Kafka.Client.Extensions.Hosting.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Kafka.Client.Extensions.Hosting.Tests.Configuration;

public class ConfigurationBindingTests
{
    private const string Json = """
        {
          "Kafka": {
            "Common": { "bootstrap.servers": "broker-1:9092", "client.id": "shared", "security.protocol": "SASL_SSL", "sasl.mechanism": "PLAIN", "sasl.username": "svc", "sasl.password": "secret" },
            "Producer": { "linger.ms": 7, "compression.type": "lz4", "enable.idempotence": true, "client.id": "producer" },
            "Orders": { "LingerMs": "12", "Acks": "1", "MaxInFlightRequestsPerConnection": 3, "BootstrapServers": [ "a:9092", "b:9092" ] },
            "Consumer": { "group.id": "billing", "auto.offset.reset": "earliest", "SessionTimeoutMs": 10000, "sasl": { "username": "alice" } },
            "Admin": { "default.api.timeout.ms": 5000 }
          }
        }
        """;

    private static ServiceProvider Services(string json, Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(JsonConfiguration.From(json));
        register(services);
        return services.BuildServiceProvider();
    }

    [Test]
    public void Kafka_property_names_from_json_set_the_options_over_the_common_section()
    {
        IConfigurationRoot configuration = JsonConfiguration.From(Json);
        using ServiceProvider services = Services(Json, s => s.AddKafkaProducer<string, string>(configuration.GetSection("Kafka:Producer")));

        ProducerOptions options = services.GetRequiredService<IOptions<ProducerOptions>>().Value;

        Assert.That(options.LingerMs, Is.EqualTo(7));
        Assert.That(options.CompressionType, Is.EqualTo(CompressionType.Lz4));
        Assert.That(options.EnableIdempotence, Is.True);
        Assert.That(options.BootstrapServers, Is.EqualTo("broker-1:9092"), "from Kafka:Common");
        Assert.That(options.SecurityProtocol, Is.EqualTo(SecurityProtocol.SaslSsl), "from Kafka:Common");
        Assert.That(options.ClientId, Is.EqualTo("producer"), "the client's own section wins over the common one");
    }

    [Test]
    public void Option_names_nested_objects_and_arrays_are_read_as_their_Kafka_properties()
    {
        IConfigurationRoot configuration = JsonConfiguration.From(Json);
        using ServiceProvider services = Services(Json, s =>
        {
            s.AddKafkaProducer<string, string>("orders", configuration.GetSection("Kafka:Orders"));
            s.AddKafkaConsumer<string, string>(configuration.GetSection("Kafka:Consumer"));
        });

        ProducerOptions orders = services.GetRequiredService<IOptionsMonitor<ProducerOptions>>().Get("orders");
        ConsumerOptions consumer = services.GetRequiredService<IOptions<ConsumerOptions>>().Value;

        Assert.That(orders.LingerMs, Is.EqualTo(12));
        Assert.That(orders.Acks, Is.EqualTo(Acks.Leader));
        Assert.That(orders.MaxInFlightRequestsPerConnection, Is.EqualTo(3));
        Assert.That(orders.BootstrapServers, Is.EqualTo("a:9092,b:9092"), "an array is Kafka's comma-separated list, and the option name overrides the common Kafka name");
        Assert.That(consumer.GroupId, Is.EqualTo("billing"));
        Assert.That(consumer.AutoOffsetReset, Is.EqualTo(AutoOffsetReset.Earliest));
        Assert.That(consumer.SessionTimeoutMs, Is.EqualTo(10_000));
        Assert.That(consumer.SaslUsername, Is.EqualTo("alice"), "{\"sasl\": {\"username\"}} is sasl.username");
    }

    [Test]
    public void ConfigureKafkaCommon_replaces_the_default_common_section_and_code_configures_over_the_configuration()
    {
        IConfigurationRoot configuration = JsonConfiguration.From("""{ "Shared": { "bootstrap.servers": "elsewhere:9092" }, "Admin": { "default.api.timeout.ms": 5000 } }""");
        using ServiceProvider services = Services(Json, s =>
        {
            s.ConfigureKafkaCommon(configuration.GetSection("Shared"));
            s.AddKafkaAdminClient(configuration.GetSection("Admin"));
            s.Configure<AdminClientOptions>(o => o.Retries = 2);
        });

        AdminClientOptions options = services.GetRequiredService<IOptions<AdminClientOptions>>().Value;

        Assert.That(options.BootstrapServers, Is.EqualTo("elsewhere:9092"));
        Assert.That(options.DefaultApiTimeoutMs, Is.EqualTo(5_000));
        Assert.That(options.Retries, Is.EqualTo(2));
    }

    [Test]
    public void An_unknown_key_or_a_bad_value_fails_the_host_start_naming_each_configuration_key()
    {
        const string bad = """
            { "Kafka": { "Producer": { "bootstrap.servers": "localhost:9092", "linger.msx": 5, "acks": "most", "LingerMs": "soon" } } }
            """;
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(bad)));
        builder.Services.AddKafkaProducer<string, string>(builder.Configuration.GetSection("Kafka:Producer"));
        using IHost host = builder.Build();

        OptionsValidationException? error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(error!.Failures.Count(), Is.EqualTo(3));
        Assert.That(error.Message, Does.Contain("Configuration key 'Kafka:Producer:linger.msx': Unknown Kafka property 'linger.msx' for ProducerOptions."));
        Assert.That(error.Message, Does.Contain("Configuration key 'Kafka:Producer:acks': Invalid value 'most' for Kafka property 'acks'"));
        Assert.That(error.Message, Does.Contain("Configuration key 'Kafka:Producer:LingerMs': Invalid value 'soon' for Kafka property 'linger.ms'"));
    }

    [Test]
    public void Options_the_client_would_refuse_fail_the_host_start()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes("""{ "Consumer": { "group.id": "g" } }""")));
        builder.Services.AddKafkaConsumer<string, string>(builder.Configuration.GetSection("Consumer"));
        using IHost host = builder.Build();

        OptionsValidationException? error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(error!.Message, Does.Contain("bootstrap.servers"), "no bootstrap server: ConsumerOptions.Validate's error");
    }

    [Test]
    public void Every_option_name_maps_to_a_Kafka_property_the_options_class_knows()
    {
        string[] notProperties = ["LoggerFactory", "CustomPartitioner", "PartitionAssignors", "CompressionLevel", "SslClientCertificate", "SslCertificateValidation", "SaslOAuthBearerTokenProvider", "PartitionAssignmentStrategy"];
        foreach ((Type type, Func<Dictionary<string, string>, object> fromProperties) in new (Type, Func<Dictionary<string, string>, object>)[]
        {
            (typeof(ProducerOptions), p => ProducerOptions.FromProperties(p)),
            (typeof(ConsumerOptions), p => ConsumerOptions.FromProperties(p)),
            (typeof(AdminClientOptions), p => AdminClientOptions.FromProperties(p)),
        })
        {
            foreach (System.Reflection.PropertyInfo property in type.GetProperties().Where(p => p.CanWrite && !notProperties.Contains(p.Name)))
            {
                string kafkaName = Kafka.Client.Configuration.KafkaPropertyNames.ToKafkaName(property.Name);
                try
                {
                    fromProperties(new Dictionary<string, string> { [kafkaName] = "x" });
                }
                catch (ArgumentException e)
                {
                    Assert.That(e.Message, Does.Not.Contain("Unknown Kafka property"), $"{type.Name}.{property.Name} read as '{kafkaName}'");
                }
            }
        }
    }
}
