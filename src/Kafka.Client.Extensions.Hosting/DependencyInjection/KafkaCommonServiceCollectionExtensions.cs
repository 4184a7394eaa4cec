using Kafka.Client.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kafka.Client;

/// <summary>The configuration every Kafka client registered in the container shares.</summary>
public static class KafkaCommonServiceCollectionExtensions
{
    /// <summary>
    /// Sets the section laid under every client's own section (producers, consumers, admin clients and hosted
    /// consumers): <c>bootstrap.servers</c>, security settings, <c>client.id</c>. A key in a client's section wins.
    /// </summary>
    /// <remarks>
    /// Without this call, the app's <see cref="IConfiguration"/> section <c>Kafka:Common</c> is used when present.
    /// Keys only some clients know (<c>group.id</c>, <c>linger.ms</c>) belong in those clients' sections.
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The shared section.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection ConfigureKafkaCommon(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.RemoveAll<KafkaCommonConfiguration>();
        services.AddSingleton(new KafkaCommonConfiguration(configuration));
        return services;
    }
}
