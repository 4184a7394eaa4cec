using Kafka.Client.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kafka.Client;

/// <summary>Registers <see cref="KafkaConsumer{TKey, TValue}"/> singletons configured from <see cref="IConfiguration"/>.</summary>
public static class KafkaConsumerServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="KafkaConsumer{TKey, TValue}"/> singleton whose options are read from
    /// <paramref name="configuration"/> (Kafka property names or option names as keys, over the shared section).
    /// </summary>
    /// <remarks>
    /// Validated when the host starts, as for <see cref="KafkaProducerServiceCollectionExtensions.AddKafkaProducer{TKey, TValue}(IServiceCollection, IConfiguration)"/>.
    /// Deserializers are the <see cref="IDeserializer{T}"/> registered for each type, else the built-in ones. The
    /// container disposes the consumer, which leaves its group. A consumer is read by one loop at a time; for a
    /// consumer run by the host, see <see cref="KafkaConsumerHandlerServiceCollectionExtensions"/>.
    /// </remarks>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The consumer's section, e.g. <c>configuration.GetSection("Kafka:Consumer")</c>.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddKafkaConsumer<TKey, TValue>(this IServiceCollection services, IConfiguration configuration)
    {
        KafkaClientRegistration.AddOptions(services, Microsoft.Extensions.Options.Options.DefaultName, configuration, ConsumerOptions.FromProperties);
        services.AddSingleton(sp => Create<TKey, TValue>(sp, Microsoft.Extensions.Options.Options.DefaultName));
        return services;
    }

    /// <summary>Registers a <see cref="KafkaConsumer{TKey, TValue}"/> singleton keyed by <paramref name="name"/>, with options named <paramref name="name"/>.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The consumer's name: its service key and options name.</param>
    /// <param name="configuration">The consumer's section.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static IServiceCollection AddKafkaConsumer<TKey, TValue>(this IServiceCollection services, string name, IConfiguration configuration)
    {
        KafkaClientRegistration.RequireName(name);
        KafkaClientRegistration.AddOptions(services, name, configuration, ConsumerOptions.FromProperties);
        services.AddKeyedSingleton(name, (sp, _) => Create<TKey, TValue>(sp, name));
        return services;
    }

    /// <summary>A consumer with the options named <paramref name="name"/> and the deserializers from the container.</summary>
    internal static KafkaConsumer<TKey, TValue> Create<TKey, TValue>(IServiceProvider services, string name) =>
        Create<TKey, TValue>(services, name, KafkaClientRegistration.Options<ConsumerOptions>(services, name));

    /// <summary>A consumer with <paramref name="options"/> and the deserializers from the container.</summary>
    internal static KafkaConsumer<TKey, TValue> Create<TKey, TValue>(IServiceProvider services, string name, ConsumerOptions options) =>
        new(options, KafkaClientRegistration.Find<IDeserializer<TKey>>(services, name), KafkaClientRegistration.Find<IDeserializer<TValue>>(services, name));
}
