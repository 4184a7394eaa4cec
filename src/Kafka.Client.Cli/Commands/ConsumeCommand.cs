using System.CommandLine;
using System.Globalization;
using Kafka.Client.Cli.Consuming;
using Kafka.Client.Cli.Options;
using Kafka.Client.Protocol;

namespace Kafka.Client.Cli.Commands;

/// <summary>
/// <c>kafka consume</c>: Kafka's <c>kafka-console-consumer.sh</c>. Writes each message of a topic to stdout, one per
/// line by default, and <c>Processed a total of N messages</c> to stderr at the end.
/// </summary>
internal static class ConsumeCommand
{
    public static Command Create()
    {
        Option<string> bootstrapServer = ClusterOptions.BootstrapServer();
        var topic = new Option<string>("--topic") { HelpName = "TOPIC", Description = "The topic to consume.", Required = true };
        var group = new Option<string>("--group")
        {
            HelpName = "GROUP",
            Description = "The consumer group, whose committed offsets say where to start; without it a new group console-consumer-NNNNN that commits nothing.",
        };
        var fromBeginning = new Option<bool>("--from-beginning") { Description = "Start with the earliest message when the group has no committed offset (auto.offset.reset=earliest)." };
        var maxMessages = new Option<long?>("--max-messages") { HelpName = "N", Description = "Exit after N messages." };
        var timeoutMs = new Option<long?>("--timeout-ms") { HelpName = "MS", Description = "Exit when no message arrived for this long, in ms." };
        var partition = new Option<int?>("--partition") { HelpName = "P", Description = "Consume only this partition (no group assignment)." };
        var offset = new Option<string>("--offset")
        {
            HelpName = "OFFSET",
            Description = "With --partition: where to start, earliest, latest or an offset.",
            DefaultValueFactory = _ => "latest",
        };
        Option<string[]> property = KeyValueOption.Create(
            "--property", PropertyValues.Describe("How messages are printed: ", MessageFormatter.Properties), "--formatter-property");
        Option<string[]> consumerProperty = KeyValueOption.Create("--consumer-property", "A consumer property by its Kafka name, e.g. fetch.min.bytes=1024.");
        var consumerConfig = new Option<FileInfo>("--consumer.config", "--command-config") { HelpName = "FILE", Description = "A properties file of consumer properties." }.AcceptExistingOnly();

        var command = new Command("consume", "Print the messages of a topic, one per line, as kafka-console-consumer.sh does.")
        {
            bootstrapServer, topic, group, fromBeginning, maxMessages, timeoutMs, partition, offset, property, consumerProperty, consumerConfig,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(offset) is { Implicit: false } && result.GetResult(partition) is null)
            {
                result.AddError("The partition is required when offset is specified.");
            }
        });

        command.SetAction((parse, cancellationToken) => ToolErrors.RunAsync(cancellationToken, async token =>
        {
            string name = parse.GetValue(topic)!;
            MessageFormatter formatter = UsageException.Wrap(() => MessageFormatter.Create(KeyValueOption.Pairs(parse.GetValue(property))));
            Dictionary<string, string> properties = await ConsumerPropertiesAsync(parse, consumerConfig, consumerProperty, token).ConfigureAwait(false);
            properties["bootstrap.servers"] = parse.GetValue(bootstrapServer)!;
            if (parse.GetValue(group) is { } groupId)
            {
                properties["group.id"] = groupId;
            }
            else if (!properties.ContainsKey("group.id"))
            {
                // As Kafka's tool: a throwaway group, whose offsets are not worth committing.
                properties["group.id"] = "console-consumer-" + Random.Shared.Next(100_000).ToString(CultureInfo.InvariantCulture);
                properties.TryAdd("enable.auto.commit", "false");
            }

            if (parse.GetValue(fromBeginning))
            {
                properties["auto.offset.reset"] = "earliest";
            }

            ConsumerOptions options = UsageException.Wrap(() =>
            {
                ConsumerOptions o = ConsumerOptions.FromProperties(properties);
                o.Validate();
                return o;
            });
            TopicPartitionOffset? start = parse.GetValue(partition) is { } p ? new TopicPartitionOffset(name, p, StartOffset(parse.GetValue(offset)!)) : null;
            await TopicCheck.ExistsAsync(properties, name, start, token).ConfigureAwait(false);

            TimeSpan idle = parse.GetValue(timeoutMs) is { } ms ? TimeSpan.FromMilliseconds(ms) : Timeout.InfiniteTimeSpan;
            var consumer = new ConsoleConsumer(options, formatter, parse.GetValue(maxMessages), idle);
            using var output = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
            try
            {
                await consumer.RunAsync(name, start, output, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                await ReportCountAsync(consumer).ConfigureAwait(false);
                throw;
            }

            await ReportCountAsync(consumer).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    private static Task ReportCountAsync(ConsoleConsumer consumer) =>
        Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Processed a total of {consumer.Processed} messages"));

    private static async Task<Dictionary<string, string>> ConsumerPropertiesAsync(
        ParseResult parse, Option<FileInfo> consumerConfig, Option<string[]> consumerProperty, CancellationToken cancellationToken)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (parse.GetValue(consumerConfig) is { } config)
        {
            Properties.AddAll(properties, await PropertiesFile.ReadAsync(config.FullName, cancellationToken).ConfigureAwait(false));
        }

        Properties.AddAll(properties, KeyValueOption.Pairs(parse.GetValue(consumerProperty)));
        return properties;
    }

    private static long StartOffset(string offset) => offset switch
    {
        "earliest" => Offset.Beginning,
        "latest" => Offset.End,
        _ when long.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out long value) => value,
        _ => throw new UsageException($"--offset '{offset}' is not earliest, latest or a non-negative number."),
    };
}
