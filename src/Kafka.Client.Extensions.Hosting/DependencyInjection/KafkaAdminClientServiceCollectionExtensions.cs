using Kafka.Client.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kafka.Client;

/// <summary>Registers <see cref="KafkaAdminClient"/> singletons configured from <see cref="IConfiguration"/>.</summary>
public static class KafkaAdminClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="KafkaAdminClient"/> singleton whose options are read from <paramref name="configuration"/>
    /// (Kafka property names or option names as keys, over the shared section), validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The admin client's section, e.g. <c>configuration.GetSection("Kafka:Admin")</c>.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddKafkaAdminClient(this IServiceCollection services, IConfiguration configuration)
    {
        KafkaClientRegistration.AddOptions(services, Microsoft.Extensions.Options.Options.DefaultName, configuration, AdminClientOptions.FromProperties);
        services.AddSingleton(sp => new KafkaAdminClient(KafkaClientRegistration.Options<AdminClientOptions>(sp, Microsoft.Extensions.Options.Options.DefaultName)));
        return services;
    }

    /// <summary>Registers a <see cref="KafkaAdminClient"/> singleton keyed by <paramref name="name"/>, with options named <paramref name="name"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The admin client's name: its service key and options name.</param>
    /// <param name="configuration">The admin client's section.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static IServiceCollection AddKafkaAdminClient(this IServiceCollection services, string name, IConfiguration configuration)
    {
        KafkaClientRegistration.RequireName(name);
        KafkaClientRegistration.AddOptions(services, name, configuration, AdminClientOptions.FromProperties);
        services.AddKeyedSingleton(name, (sp, _) => new KafkaAdminClient(KafkaClientRegistration.Options<AdminClientOptions>(sp, name)));
        return services;
    }
}
