using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Kafka.Client.Configuration;

/// <summary>
/// One hosted consumer's <see cref="KafkaConsumerHandlerOptions"/>: read from its section's <c>Handler</c> key before
/// the code's configure runs, and checked (with the configuration path in each error) when the host starts.
/// </summary>
/// <param name="name">The hosted consumer's options name.</param>
/// <param name="section">Its <c>Handler</c> section.</param>
internal sealed class HandlerOptionsSetup(string name, IConfigurationSection section) : IConfigureNamedOptions<KafkaConsumerHandlerOptions>, IValidateOptions<KafkaConsumerHandlerOptions>
{
    public void Configure(string? optionsName, KafkaConsumerHandlerOptions options)
    {
        if (optionsName == name)
        {
            IReadOnlyList<string> errors = HandlerOptionsReader.Read(section, options);
            if (errors.Count > 0)
            {
                throw new OptionsValidationException(name, typeof(KafkaConsumerHandlerOptions), errors);
            }
        }
    }

    public void Configure(KafkaConsumerHandlerOptions options) => Configure(Microsoft.Extensions.Options.Options.DefaultName, options);

    public ValidateOptionsResult Validate(string? optionsName, KafkaConsumerHandlerOptions options)
    {
        if (optionsName != name)
        {
            return ValidateOptionsResult.Skip;
        }

        List<string> errors = [];
        if (options.Topics.Count == 0)
        {
            errors.Add($"The hosted consumer {name} has no topics: set the configuration key '{section.Path}:{nameof(options.Topics)}' or {nameof(KafkaConsumerHandlerOptions)}.{nameof(options.Topics)} in code.");
        }

        if (options.BatchSize < 1)
        {
            errors.Add($"{nameof(KafkaConsumerHandlerOptions)}.{nameof(options.BatchSize)} is {options.BatchSize}; it must be at least 1.");
        }

        if (options.BatchTimeout < TimeSpan.Zero || options.CloseTimeout < TimeSpan.Zero || options.CommitInterval < TimeSpan.Zero)
        {
            errors.Add($"{nameof(KafkaConsumerHandlerOptions)}.{nameof(options.BatchTimeout)}, {nameof(options.CloseTimeout)} and {nameof(options.CommitInterval)} must not be negative.");
        }

        if (options.Retry is { MaxRetryAttempts: < 1 } retry)
        {
            errors.Add($"Configuration key '{section.Path}:{nameof(options.Retry)}:{nameof(retry.MaxRetryAttempts)}': {retry.MaxRetryAttempts} retries; set Retry to null for none.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
