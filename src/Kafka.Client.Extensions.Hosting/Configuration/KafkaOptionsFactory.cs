using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kafka.Client.Configuration;

/// <summary>
/// Creates a client's options from its configuration (the shared section under its own) with the options class's
/// <c>FromProperties</c>, so every key is checked as the client checks it; then the usual configure, post-configure and
/// validate steps of the options pattern. An unknown key or a bad value is an <see cref="OptionsValidationException"/>
/// naming the configuration key; <c>ValidateOnStart</c> makes the host fail to start with it.
/// </summary>
/// <typeparam name="TOptions">The options class.</typeparam>
internal sealed class KafkaOptionsFactory<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions> : OptionsFactory<TOptions>
    where TOptions : ClientOptions
{
    private readonly KafkaClientConfiguration<TOptions>[] _configurations;
    private readonly IServiceProvider _services;

    public KafkaOptionsFactory(
        IEnumerable<KafkaClientConfiguration<TOptions>> configurations,
        IServiceProvider services,
        IEnumerable<IConfigureOptions<TOptions>> setups,
        IEnumerable<IPostConfigureOptions<TOptions>> postConfigures,
        IEnumerable<IValidateOptions<TOptions>> validations)
        : base(setups, postConfigures, validations)
    {
        _configurations = [.. configurations];
        _services = services;
    }

    /// <inheritdoc />
    protected override TOptions CreateInstance(string name)
    {
        KafkaClientConfiguration<TOptions>? configuration = Array.FindLast(_configurations, c => c.Name == name);
        TOptions options = configuration is null ? base.CreateInstance(name) : Build(name, configuration);
        options.LoggerFactory ??= _services.GetService<ILoggerFactory>();
        return options;
    }

    private TOptions Build(string name, KafkaClientConfiguration<TOptions> configuration)
    {
        IConfiguration? common = _services.GetService<KafkaCommonConfiguration>()?.Section
            ?? _services.GetService<IConfiguration>()?.GetSection(KafkaCommonConfiguration.DefaultKey);
        IReadOnlyList<KafkaSetting> settings = KafkaConfigurationReader.Read(common, configuration.Section, configuration.Excluded);

        // Each key on its own first, so every bad one is reported with the configuration key it came from.
        List<string>? errors = null;
        foreach (KafkaSetting setting in settings)
        {
            try
            {
                configuration.FromProperties([new KeyValuePair<string, string>(setting.Name, setting.Value)]);
            }
            catch (ArgumentException e)
            {
                (errors ??= []).Add($"Configuration key '{setting.Path}': {FirstLine(e.Message)}");
            }
        }

        if (errors is not null)
        {
            throw new OptionsValidationException(name, typeof(TOptions), errors);
        }

        return configuration.FromProperties(settings.Select(s => new KeyValuePair<string, string>(s.Name, s.Value)));
    }

    // ArgumentException appends " (Parameter 'properties')".
    private static string FirstLine(string message)
    {
        int parameter = message.LastIndexOf(" (Parameter ", StringComparison.Ordinal);
        return parameter < 0 ? message : message[..parameter];
    }
}
