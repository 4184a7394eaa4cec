using Microsoft.Extensions.Options;

namespace Kafka.Client.Configuration;

/// <summary>Runs the options class's own <see cref="ClientOptions.Validate"/> (what the client's constructor would throw) as an options validation.</summary>
/// <typeparam name="TOptions">The options class.</typeparam>
internal sealed class KafkaOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : ClientOptions
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
