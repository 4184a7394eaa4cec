using Kafka.Client.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kafka.Client;

/// <summary>Registers <see cref="KafkaProducer{TKey, TValue}"/> singletons configured from <see cref="IConfiguration"/>.</summary>
public static class KafkaProducerServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="KafkaProducer{TKey, TValue}"/> singleton whose options are read from
    /// <paramref name="configuration"/>, keys being Kafka property names (<c>"bootstrap.servers"</c>, <c>"linger.ms"</c>) or
    /// option names (<c>"BootstrapServers"</c>, <c>"LingerMs"</c>), over the shared section (<c>Kafka:Common</c>, see
    /// <see cref="KafkaCommonServiceCollectionExtensions.ConfigureKafkaCommon"/>).
    /// </summary>
    /// <remarks>
    /// The options are validated when the host starts: an unknown key or a bad value fails the start with an
    /// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming the configuration key. Code may
    /// change them with <c>services.Configure&lt;ProducerOptions&gt;(...)</c>. Serializers are the
    /// <see cref="ISerializer{T}"/> or <see cref="IAsyncSerializer{T}"/> registered for <typeparamref name="TKey"/> and
    /// <typeparamref name="TValue"/>, else the built-in ones; the logger factory is the container's
    /// <c>ILoggerFactory</c> unless the options set one. The container disposes the producer, which flushes it.
    /// </remarks>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The producer's section, e.g. <c>configuration.GetSection("Kafka:Producer")</c>.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddKafkaProducer<TKey, TValue>(this IServiceCollection services, IConfiguration configuration)
    {
        KafkaClientRegistration.AddOptions(services, Microsoft.Extensions.Options.Options.DefaultName, configuration, ProducerOptions.FromProperties);
        services.AddSingleton(sp => Create<TKey, TValue>(sp, Microsoft.Extensions.Options.Options.DefaultName));
        return services;
    }

    /// <summary>
    /// Registers a <see cref="KafkaProducer{TKey, TValue}"/> singleton keyed by <paramref name="name"/>
    /// (<c>[FromKeyedServices("orders")]</c>), with options named <paramref name="name"/>; otherwise as
    /// <see cref="AddKafkaProducer{TKey, TValue}(IServiceCollection, IConfiguration)"/>.
    /// </summary>
    /// <remarks>Serializers registered with the key <paramref name="name"/> are preferred over unkeyed ones.</remarks>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The producer's name: its service key and options name.</param>
    /// <param name="configuration">The producer's section.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static IServiceCollection AddKafkaProducer<TKey, TValue>(this IServiceCollection services, string name, IConfiguration configuration)
    {
        KafkaClientRegistration.RequireName(name);
        KafkaClientRegistration.AddOptions(services, name, configuration, ProducerOptions.FromProperties);
        services.AddKeyedSingleton(name, (sp, _) => Create<TKey, TValue>(sp, name));
        return services;
    }

    private static KafkaProducer<TKey, TValue> Create<TKey, TValue>(IServiceProvider services, string name)
    {
        ProducerOptions options = KafkaClientRegistration.Options<ProducerOptions>(services, name);
        ISerializer<TKey>? key = KafkaClientRegistration.Find<ISerializer<TKey>>(services, name);
        ISerializer<TValue>? value = KafkaClientRegistration.Find<ISerializer<TValue>>(services, name);
        IAsyncSerializer<TKey>? asyncKey = KafkaClientRegistration.Find<IAsyncSerializer<TKey>>(services, name);
        IAsyncSerializer<TValue>? asyncValue = KafkaClientRegistration.Find<IAsyncSerializer<TValue>>(services, name);
        if (asyncKey is null && asyncValue is null)
        {
            return new KafkaProducer<TKey, TValue>(options, key, value);
        }

        asyncKey ??= key is null ? null : new AsyncSerializerAdapter<TKey>(key);
        asyncValue ??= value is null ? null : new AsyncSerializerAdapter<TValue>(value);
        return new KafkaProducer<TKey, TValue>(options, asyncKey, asyncValue);
    }
}
