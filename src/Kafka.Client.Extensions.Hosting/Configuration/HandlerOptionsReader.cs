using Microsoft.Extensions.Configuration;
using Polly;
using Polly.Retry;

namespace Kafka.Client.Configuration;

/// <summary>Reads a hosted consumer's <c>Handler</c> section into <see cref="KafkaConsumerHandlerOptions"/>.</summary>
internal static class HandlerOptionsReader
{
    /// <summary>The key, inside a hosted consumer's section, of its handler options; the section's other keys are the consumer's Kafka properties.</summary>
    public const string Key = "Handler";

    /// <summary>Sets <paramref name="options"/> from <paramref name="section"/>; the errors name each bad key's path.</summary>
    public static IReadOnlyList<string> Read(IConfiguration section, KafkaConsumerHandlerOptions options)
    {
        var reader = new OptionsSectionReader(section, "hosted consumer");
        reader.List(nameof(options.Topics), v => options.Topics = v);
        reader.Enum<KafkaHandlerErrorAction>(nameof(options.OnError), v => options.OnError = v);
        reader.String(nameof(options.DeadLetterTopic), v => options.DeadLetterTopic = v);
        reader.String(nameof(options.DeadLetterProducerName), v => options.DeadLetterProducerName = v);
        reader.Int64(nameof(options.BatchSize), 1, v => options.BatchSize = (int)Math.Min(v, int.MaxValue));
        reader.Duration(nameof(options.BatchTimeout), v => options.BatchTimeout = v);
        reader.Duration(nameof(options.CloseTimeout), v => options.CloseTimeout = v);
        reader.Duration(nameof(options.CommitInterval), v => options.CommitInterval = v);
        // "Retry": null (or "") is a key with no value and no children.
        if (section.GetChildren().Any(c => string.Equals(c.Key, nameof(options.Retry), StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(c.Value) && !c.GetChildren().Any()))
        {
            options.Retry = null;
        }

        reader.Section(nameof(options.Retry), "retry", r => ReadRetry(r, options));
        return reader.Finish();
    }

    private static void ReadRetry(OptionsSectionReader reader, KafkaConsumerHandlerOptions options)
    {
        RetryStrategyOptions retry = options.Retry ??= new RetryStrategyOptions();
        reader.Int64(nameof(retry.MaxRetryAttempts), 0, v =>
        {
            if (v == 0)
            {
                options.Retry = null;
            }
            else
            {
                retry.MaxRetryAttempts = (int)Math.Min(v, int.MaxValue);
            }
        });
        reader.Duration(nameof(retry.Delay), v => retry.Delay = v);
        reader.Duration(nameof(retry.MaxDelay), v => retry.MaxDelay = v);
        reader.Enum<DelayBackoffType>(nameof(retry.BackoffType), v => retry.BackoffType = v);
        reader.Boolean(nameof(retry.UseJitter), v => retry.UseJitter = v);
    }
}
