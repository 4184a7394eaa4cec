using System.Diagnostics.CodeAnalysis;
using Kafka.Client.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kafka.Client.DependencyInjection;

/// <summary>What every <c>AddKafka...</c> method registers for a client's options, and how a client gets them.</summary>
internal static class KafkaClientRegistration
{
    /// <summary>
    /// Registers the options of the client <paramref name="name"/>: read from <paramref name="section"/> (but for its key
    /// <paramref name="excluded"/>), validated at start.
    /// </summary>
    public static void AddOptions<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(IServiceCollection services, string name, IConfiguration section, Func<IEnumerable<KeyValuePair<string, string>>, TOptions> fromProperties, string? excluded = null)
        where TOptions : ClientOptions
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions();
        services.TryAddTransient<IOptionsFactory<TOptions>, KafkaOptionsFactory<TOptions>>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, KafkaOptionsValidator<TOptions>>());
        services.AddSingleton(new KafkaClientConfiguration<TOptions>(name, section, fromProperties, excluded));
        services.AddOptions<TOptions>(name).ValidateOnStart();
    }

    /// <summary>The options of the client <paramref name="name"/>.</summary>
    public static TOptions Options<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(IServiceProvider services, string name)
        where TOptions : ClientOptions =>
        services.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name);

    /// <summary>A service keyed by the client's name, else the unkeyed one, else null.</summary>
    public static T? Find<T>(IServiceProvider services, string name)
        where T : class =>
        (name.Length > 0 ? services.GetKeyedService<T>(name) : null) ?? services.GetService<T>();

    /// <summary>Throws unless <paramref name="name"/> names a client.</summary>
    public static void RequireName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
    }
}
