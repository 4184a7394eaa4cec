using System.CommandLine;
using System.Globalization;
using Kafka.Client.Cli.Commands;

namespace Kafka.Client.Cli.Options;

/// <summary>
/// A flag of kafka-console-producer.sh that sets one producer property. As in Kafka's tool, a flag given on the
/// command line wins over <c>--producer-property</c> and <c>--producer.config</c>; its default applies only when
/// neither set the property.
/// </summary>
internal sealed class ProducerFlag
{
    private readonly string _property;
    private readonly Func<ParseResult, string?> _value;

    private ProducerFlag(Option option, string property, Func<ParseResult, string?> value)
    {
        Option = option;
        _property = property;
        _value = value;
    }

    public static IReadOnlyList<ProducerFlag> All { get; } =
    [
        Choice("--request-required-acks", "acks", "-1", "Acknowledgements the leader waits for: all (-1), 1 or 0.", ["all", "-1", "0", "1"], "--acks"),
        Codec(),
        Number("--timeout", "linger.ms", 1_000, "How long a message may wait for more to fill its batch, in ms."),
        Number("--batch-size", "batch.size", 16_384, "Bytes per partition batch."),
        Number("--message-send-max-retries", "retries", 3, "How often a failed send is retried."),
        Number("--retry-backoff-ms", "retry.backoff.ms", 100, "Wait before a retry, in ms."),
        Number("--max-block-ms", "max.block.ms", 10_000, "How long a send may wait for metadata (an unreachable server, an unknown topic) or buffer room, in ms."),
        Number("--max-memory-bytes", "buffer.memory", 33_554_432, "Bytes of messages waiting to be sent."),
        Number("--request-timeout-ms", "request.timeout.ms", 1_500, "How long to wait for a broker's answer, in ms."),
        Number("--metadata-expiry-ms", "metadata.max.age.ms", 300_000, "How old metadata may get before it is refreshed, in ms."),
        Number("--delivery-timeout-ms", "delivery.timeout.ms", null, $"How long a message may take to be acknowledged, retries included, in ms (default {ProduceCommand.DefaultDeliveryTimeoutMs}, at least --timeout + --request-timeout-ms)."),
    ];

    public Option Option { get; }

    /// <summary>Sets the property when the flag was given, or to its default when nothing else set it.</summary>
    public void ApplyTo(Dictionary<string, string> properties, ParseResult parse)
    {
        bool given = parse.GetResult(Option) is { Implicit: false };
        if ((given || !properties.ContainsKey(_property)) && _value(parse) is { } value)
        {
            properties[_property] = value;
        }
    }

    private static ProducerFlag Number(string name, string property, long? defaultValue, string description)
    {
        var option = new Option<long>(name) { Description = $"{description} Sets {property}.", HelpName = "N" };
        if (defaultValue is { } value)
        {
            option.DefaultValueFactory = _ => value;
        }

        // Without a default, an absent flag has no result and sets nothing.
        return new ProducerFlag(option, property, parse => parse.GetResult(option) is null ? null : parse.GetValue(option).ToString(CultureInfo.InvariantCulture));
    }

    private static ProducerFlag Choice(string name, string property, string defaultValue, string description, string[] values, params string[] aliases)
    {
        var option = new Option<string>(name, aliases) { Description = $"{description} Sets {property}.", DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong(values);
        return new ProducerFlag(option, property, parse => parse.GetValue(option));
    }

    /// <summary><c>--compression-codec [CODEC]</c>: as in Kafka's tool, the flag alone means gzip.</summary>
    private static ProducerFlag Codec()
    {
        var option = new Option<string?>("--compression-codec", "--compression-type")
        {
            Description = "Batch compression: none, gzip, snappy, lz4 or zstd; the flag alone means gzip. Sets compression.type.",
            HelpName = "CODEC",
            Arity = ArgumentArity.ZeroOrOne,
        };
        option.AcceptOnlyFromAmong("none", "gzip", "snappy", "lz4", "zstd");
        return new ProducerFlag(option, "compression.type", parse => parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option) ?? "gzip" : null);
    }
}
