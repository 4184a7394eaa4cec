using System.Diagnostics.CodeAnalysis;
using Kafka.Client.Configuration;
using Kafka.Client.Consuming;
using Kafka.Client.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Kafka.Client;

/// <summary>Registers hosted consumers: a <see cref="BackgroundService"/> that hands every record to an <see cref="IKafkaMessageHandler{TKey, TValue}"/>.</summary>
public static class KafkaConsumerHandlerServiceCollectionExtensions
{
    /// <summary>
    /// Runs a consumer for the host's lifetime that subscribes to <see cref="KafkaConsumerHandlerOptions.Topics"/> and
    /// calls <typeparamref name="THandler"/> (resolved from a new DI scope per record) for each record, committing
    /// its offset after the handler succeeded.
    /// </summary>
    /// <remarks>
    /// The consumer's options are read from <paramref name="configuration"/> as for
    /// <see cref="KafkaConsumerServiceCollectionExtensions.AddKafkaConsumer{TKey, TValue}(IServiceCollection, IConfiguration)"/>,
    /// with <c>enable.auto.commit</c> forced off; they are named after <typeparamref name="THandler"/>'s full name.
    /// The section's <c>Handler</c> key is not a Kafka property but the <see cref="KafkaConsumerHandlerOptions"/>, by
    /// option name (<c>"Handler": { "Topics": ["orders"], "OnError": "DeadLetter", "Retry": { "MaxRetryAttempts": 5 } }</c>);
    /// <paramref name="configure"/> runs after it. A bad key or value fails the host's start naming its configuration path.
    /// A failing record is retried (<see cref="KafkaConsumerHandlerOptions.Retry"/>), then stopped on, skipped or
    /// dead-lettered (<see cref="KafkaConsumerHandlerOptions.OnError"/>). Stopping the host cancels the handler in
    /// progress (its record is not committed) and leaves the group within the host's shutdown timeout.
    /// </remarks>
    /// <typeparam name="THandler">The handler.</typeparam>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The consumer's section (with <c>group.id</c>, and the <c>Handler</c> options).</param>
    /// <param name="configure">Sets the topics and the error handling over the configuration; null for none.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddKafkaConsumerHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler, TKey, TValue>(
        this IServiceCollection services, IConfiguration configuration, Action<KafkaConsumerHandlerOptions>? configure = null)
        where THandler : class, IKafkaMessageHandler<TKey, TValue>
    {
        var handler = new HandlerInvoker<TKey, TValue>(typeof(THandler).Name, static (sp, records, ct) => sp.GetRequiredService<THandler>().HandleAsync(records[0], ct), Batches: false);
        return Add<THandler, TKey, TValue>(services, configuration, configure, handler);
    }

    /// <summary>
    /// Runs a consumer for the host's lifetime, as <see cref="AddKafkaConsumerHandler{THandler, TKey, TValue}"/> does, that
    /// hands <typeparamref name="THandler"/> (resolved from a new DI scope per batch) batches of up to
    /// <see cref="KafkaConsumerHandlerOptions.BatchSize"/> records, waiting at most <see cref="KafkaConsumerHandlerOptions.BatchTimeout"/>
    /// to fill one, and commits a batch's offsets after the handler succeeded.
    /// </summary>
    /// <remarks>
    /// Configured as for <see cref="AddKafkaConsumerHandler{THandler, TKey, TValue}"/>. A failing batch is retried whole,
    /// then stopped on, skipped or dead-lettered (every record of it). A record that fails to deserialize ends the batch
    /// being filled: that batch is handled first, then the record goes through <see cref="KafkaConsumerHandlerOptions.OnError"/>.
    /// </remarks>
    /// <typeparam name="THandler">The batch handler.</typeparam>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The consumer's section (with <c>group.id</c>, and the <c>Handler</c> options).</param>
    /// <param name="configure">Sets the topics, the batch size and the error handling over the configuration; null for none.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddKafkaConsumerBatchHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler, TKey, TValue>(
        this IServiceCollection services, IConfiguration configuration, Action<KafkaConsumerHandlerOptions>? configure = null)
        where THandler : class, IKafkaBatchHandler<TKey, TValue>
    {
        var handler = new HandlerInvoker<TKey, TValue>(typeof(THandler).Name, static (sp, records, ct) => sp.GetRequiredService<THandler>().HandleAsync(records, ct), Batches: true);
        return Add<THandler, TKey, TValue>(services, configuration, configure, handler);
    }

    private static IServiceCollection Add<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler, TKey, TValue>(
        IServiceCollection services, IConfiguration configuration, Action<KafkaConsumerHandlerOptions>? configure, HandlerInvoker<TKey, TValue> handler)
        where THandler : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        string name = typeof(THandler).FullName ?? typeof(THandler).Name;
        AddOptions(services, name, configuration, configure);
        services.TryAddScoped<THandler>();
        services.AddSingleton<IHostedService>(sp => new KafkaConsumerHandlerService<TKey, TValue>(sp, name, handler));
        return services;
    }

    private static void AddOptions(IServiceCollection services, string name, IConfiguration configuration, Action<KafkaConsumerHandlerOptions>? configure)
    {
        KafkaClientRegistration.AddOptions(services, name, configuration, ConsumerOptions.FromProperties, HandlerOptionsReader.Key);
        var setup = new HandlerOptionsSetup(name, configuration.GetSection(HandlerOptionsReader.Key));
        services.AddSingleton<IConfigureOptions<KafkaConsumerHandlerOptions>>(setup);
        services.AddSingleton<IValidateOptions<KafkaConsumerHandlerOptions>>(setup);
        OptionsBuilder<KafkaConsumerHandlerOptions> options = services.AddOptions<KafkaConsumerHandlerOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddSingleton<HostedConsumerStates>();
    }
}
