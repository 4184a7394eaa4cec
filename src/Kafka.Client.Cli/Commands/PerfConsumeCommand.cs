using System.CommandLine;
using System.Globalization;
using Kafka.Client.Cli.Consuming;
using Kafka.Client.Cli.Options;
using Kafka.Client.Cli.Perf;
using Kafka.Client.Cli.Producing;

namespace Kafka.Client.Cli.Commands;

/// <summary>
/// <c>kafka perf consume</c>: Kafka's <c>kafka-consumer-perf-test.sh</c> (ConsumerPerformance), with its flags, its
/// header <c>start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms,
/// fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec</c> and its value line; a progress line on stderr while it runs.
/// </summary>
internal static class PerfConsumeCommand
{
    // Kafka's tool sets the client id unless the properties do.
    private const string DefaultClientId = "perf-consumer-client";

    public static Command Create()
    {
        Option<string> bootstrapServer = ClusterOptions.BootstrapServer();
        var topic = new Option<string?>("--topic") { HelpName = "TOPIC", Description = "The topic to consume from." };
        var include = new Option<string?>("--include") { HelpName = "REGEX", Description = "A regular expression of the topics to consume (whole names); instead of --topic." };
        var messages = new Option<long>("--messages", "--num-records") { HelpName = "COUNT", Description = "The number of messages to consume.", Required = true };
        var group = new Option<string?>("--group") { HelpName = "GID", Description = "The group id to consume on (default perf-consumer-NNNNN)." };
        var fetchSize = new Option<int>("--fetch-size") { HelpName = "SIZE", Description = "The amount of data to fetch from a partition in a single request (max.partition.fetch.bytes).", DefaultValueFactory = _ => 1024 * 1024 };
        var fromLatest = new Option<bool>("--from-latest") { Description = "Without a committed offset, start with the latest message rather than the earliest." };
        var consumerConfig = new Option<FileInfo>("--consumer.config", "--command-config") { HelpName = "FILE", Description = "A properties file of consumer properties." }.AcceptExistingOnly();
        Option<string[]> consumerProperty = KeyValueOption.Create("--command-property", "A consumer property by its Kafka name, e.g. fetch.min.bytes=1024 (over --consumer.config).", "--consumer-property");
        var showDetailedStats = new Option<bool>("--show-detailed-stats") { Description = "Print the figures of each --reporting-interval instead of the total." };
        var timeout = new Option<long>("--timeout") { HelpName = "MS", Description = "The longest time allowed between two records, in ms.", DefaultValueFactory = _ => 10_000 };
        var reportingInterval = new Option<long>("--reporting-interval") { HelpName = "INTERVAL_MS", Description = "How often to print progress (stderr) or detailed stats, in ms.", DefaultValueFactory = _ => 5_000 };
        var dateFormat = new Option<string>("--date-format") { HelpName = "FORMAT", Description = "How times are printed, as Java's SimpleDateFormat.", DefaultValueFactory = _ => "yyyy-MM-dd HH:mm:ss:SSS" };
        var hideHeader = new Option<bool>("--hide-header") { Description = "Leave out the header line." };

        var command = new Command("consume", "Consume messages as fast as possible and print throughput, as kafka-consumer-perf-test.sh does.")
        {
            bootstrapServer, topic, include, messages, group, fetchSize, fromLatest, consumerConfig, consumerProperty, showDetailedStats, timeout, reportingInterval, dateFormat, hideHeader,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetResult(topic) is null) == (result.GetResult(include) is null))
            {
                result.AddError("Exactly one of the following arguments is required: --topic, --include.");
            }
        });

        command.SetAction((parse, cancellationToken) => ToolErrors.RunAsync(cancellationToken, async token =>
        {
            if (parse.GetValue(reportingInterval) <= 0)
            {
                throw new UsageException("Reporting interval must be greater than 0.");
            }

            if (parse.GetValue(messages) <= 0 || parse.GetValue(timeout) < 0)
            {
                throw new UsageException("--messages must be greater than 0 and --timeout at least 0.");
            }

            var settings = new ConsumerPerfSettings(
                parse.GetValue(topic), parse.GetValue(include), parse.GetValue(messages), parse.GetValue(timeout), parse.GetValue(reportingInterval),
                parse.GetValue(showDetailedStats), parse.GetValue(hideHeader), JavaDateFormat.Parse(parse.GetValue(dateFormat)!));

            // As Kafka's tool: the file, then the flags over it.
            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            if (parse.GetValue(consumerConfig) is { } config)
            {
                Properties.AddAll(properties, await PropertiesFile.ReadAsync(config.FullName, token).ConfigureAwait(false));
            }

            Properties.AddAll(properties, KeyValueOption.Pairs(parse.GetValue(consumerProperty)));
            properties["bootstrap.servers"] = parse.GetValue(bootstrapServer)!;
            properties["group.id"] = parse.GetValue(group) ?? "perf-consumer-" + Random.Shared.Next(100_000).ToString(CultureInfo.InvariantCulture);
            properties["max.partition.fetch.bytes"] = parse.GetValue(fetchSize).ToString(CultureInfo.InvariantCulture);
            properties["auto.offset.reset"] = parse.GetValue(fromLatest) ? "latest" : "earliest";
            properties["check.crcs"] = "false";
            properties.TryAdd("client.id", DefaultClientId);
            ConsumerOptions options = UsageException.Wrap(() =>
            {
                ConsumerOptions o = ConsumerOptions.FromProperties(properties);
                o.Validate();
                return o;
            });
            if (settings.Topic is { } name)
            {
                await TopicCheck.ExistsAsync(properties, name, null, token).ConfigureAwait(false);
            }

            ProgressLine? progress = settings.ShowDetailedStats ? null : ProgressLine.OnStandardError(TimeSpan.FromMilliseconds(settings.ReportingIntervalMs));
            try
            {
                await new ConsumerPerformance(options, settings, Console.Out, progress).RunAsync(token).ConfigureAwait(false);
            }
            finally
            {
                if (progress is not null)
                {
                    await progress.DisposeAsync().ConfigureAwait(false);
                }
            }

            return 0;
        }));
        return command;
    }
}
