using System.CommandLine;
using Kafka.Client.Cli.Options;
using Kafka.Client.Cli.Producing;

namespace Kafka.Client.Cli.Commands;

/// <summary>
/// <c>kafka produce</c>: Kafka's <c>kafka-console-producer.sh</c>. One message per line of stdin (or <c>--file</c>),
/// with the same flags; errors are one line on stderr and a non-zero exit code.
/// </summary>
internal static class ProduceCommand
{
    /// <summary>Unless set, a message gives up after this long (Kafka's tool: two minutes), or linger + request timeout if longer.</summary>
    internal const int DefaultDeliveryTimeoutMs = 30_000;

    public static Command Create()
    {
        Option<string> bootstrapServer = ClusterOptions.BootstrapServer();
        var topic = new Option<string>("--topic") { HelpName = "TOPIC", Description = "The topic to produce to.", Required = true };
        var file = new Option<FileInfo>("--file")
        {
            HelpName = "FILE",
            Description = "Read the messages from this file instead of stdin; shows progress when stdout is a terminal.",
        }.AcceptExistingOnly();
        Option<string[]> property = KeyValueOption.Create(
            "--property",
            PropertyValues.Describe("How lines become messages: ", LineMessageReader.Properties),
            "--reader-property");
        Option<string[]> producerProperty = KeyValueOption.Create("--producer-property", "A producer property by its Kafka name, e.g. linger.ms=10.");
        var producerConfig = new Option<FileInfo>("--producer.config", "--command-config") { HelpName = "FILE", Description = "A properties file of producer properties." }.AcceptExistingOnly();
        var sync = new Option<bool>("--sync") { Description = "Wait for each message's acknowledgement before sending the next." };

        var command = new Command("produce", "Produce one message per line of stdin (or --file), as kafka-console-producer.sh does.")
        {
            bootstrapServer, topic, file, property, producerProperty, producerConfig, sync,
        };
        foreach (ProducerFlag flag in ProducerFlag.All)
        {
            command.Options.Add(flag.Option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            using var signals = new ShutdownSignals(cancellationToken);
            LineMessageReader reader;
            ProducerOptions options;
            try
            {
                reader = LineMessageReader.Create(KeyValueOption.Pairs(parse.GetValue(property)));
                var properties = new Dictionary<string, string>(StringComparer.Ordinal);
                if (parse.GetValue(producerConfig) is { } config)
                {
                    Properties.AddAll(properties, await PropertiesFile.ReadAsync(config.FullName, signals.Token).ConfigureAwait(false));
                }

                Properties.AddAll(properties, KeyValueOption.Pairs(parse.GetValue(producerProperty)));
                foreach (ProducerFlag flag in ProducerFlag.All)
                {
                    flag.ApplyTo(properties, parse);
                }

                properties["bootstrap.servers"] = parse.GetValue(bootstrapServer)!;
                options = ProducerOptions.FromProperties(properties);
                if (!properties.ContainsKey("delivery.timeout.ms"))
                {
                    options.DeliveryTimeoutMs = (int)Math.Min(int.MaxValue, Math.Max(DefaultDeliveryTimeoutMs, options.LingerMs + options.RequestTimeoutMs));
                }

                options.Validate();
            }
            catch (Exception e) when (e is ArgumentException or IOException)
            {
                return await ToolErrors.ReportAsync(ToolErrors.Usage, ToolErrors.MessageOf(e)).ConfigureAwait(false);
            }

            var producer = new ConsoleProducer(options, parse.GetValue(topic)!, reader, parse.GetValue(sync));
            FileInfo? input = parse.GetValue(file);
            try
            {
                using TextReader lines = input is null
                    ? new StreamReader(Console.OpenStandardInput())
                    : new StreamReader(new FileStream(input.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true));
                ProgressLine? progress = input is null ? null : ProgressLine.OnTerminal();
                try
                {
                    await producer.RunAsync(lines, progress, signals.Token).ConfigureAwait(false);
                }
                finally
                {
                    if (progress is not null)
                    {
                        await progress.DisposeAsync().ConfigureAwait(false);
                    }
                }

                return 0;
            }
            catch (Exception e) when (e is KafkaException or FormatException or IOException)
            {
                return await ToolErrors.ReportAsync(ToolErrors.Failed, e.Message).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (signals.Token.IsCancellationRequested)
            {
                return ToolErrors.Interrupted;
            }
        });
        return command;
    }
}
