using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Kafka.Client.Configuration;

/// <summary>
/// The <see cref="KafkaHealthCheckOptions"/> of <c>AddKafka(section)</c>: read from the section by option name before
/// the code's configure runs, and checked (with the configuration path in each error) when the host starts.
/// </summary>
/// <param name="section">The section; null when the options come from code only.</param>
internal sealed class HealthOptionsSetup(IConfiguration? section) : IConfigureNamedOptions<KafkaHealthCheckOptions>, IValidateOptions<KafkaHealthCheckOptions>
{
    /// <summary>The options name of the checks <c>AddKafka</c> registers.</summary>
    public const string Name = "Kafka.Client.HealthChecks";

    /// <summary>Sets <paramref name="options"/> from <paramref name="configuration"/>; the errors name each bad key's path.</summary>
    public static IReadOnlyList<string> Read(IConfiguration configuration, KafkaHealthCheckOptions options)
    {
        var reader = new OptionsSectionReader(configuration, "Kafka health check");
        reader.Duration(nameof(options.Timeout), v => options.Timeout = v);
        reader.String(nameof(options.AdminClientName), v => options.AdminClientName = v);
        reader.Int64(nameof(options.MaxLag), 0, v => options.MaxLag = v);
        reader.Duration(nameof(options.MaxUnassigned), v => options.MaxUnassigned = v);
        reader.List(nameof(options.BrokerTags), v => options.BrokerTags = v);
        reader.List(nameof(options.ConsumerTags), v => options.ConsumerTags = v);
        return reader.Finish();
    }

    public void Configure(string? name, KafkaHealthCheckOptions options)
    {
        if (name == Name && section is not null && Read(section, options) is { Count: > 0 } errors)
        {
            throw new OptionsValidationException(Name, typeof(KafkaHealthCheckOptions), errors);
        }
    }

    public void Configure(KafkaHealthCheckOptions options) => Configure(Microsoft.Extensions.Options.Options.DefaultName, options);

    public ValidateOptionsResult Validate(string? name, KafkaHealthCheckOptions options)
    {
        if (name != Name)
        {
            return ValidateOptionsResult.Skip;
        }

        string where = section is IConfigurationSection s ? $"Configuration key '{s.Path}:" : "KafkaHealthCheckOptions.";
        string end = section is IConfigurationSection ? "'" : "";
        List<string> errors = [];
        if (options.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{where}{nameof(options.Timeout)}{end}: {options.Timeout} is not a positive duration.");
        }

        if (options.MaxUnassigned <= TimeSpan.Zero)
        {
            errors.Add($"{where}{nameof(options.MaxUnassigned)}{end}: {options.MaxUnassigned} is not a positive duration.");
        }

        if (options.MaxLag < 0)
        {
            errors.Add($"{where}{nameof(options.MaxLag)}{end}: {options.MaxLag} is negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
