using System.CommandLine;
using Kafka.Client.Cli.Options;
using Kafka.Client.Cli.Perf;

namespace Kafka.Client.Cli.Commands;

/// <summary>
/// <c>kafka perf produce</c>: Kafka's <c>kafka-producer-perf-test.sh</c> (ProducerPerformance), with its flags and its
/// lines: every 5 s <c>N records sent, X records/sec (Y MB/sec), A ms avg latency, M ms max latency.</c>, and at the
/// end the total with the 50th, 95th, 99th and 99.9th latency percentiles.
/// </summary>
internal static class PerfProduceCommand
{
    // Kafka's tool sets the client id unless the properties do.
    private const string DefaultClientId = "perf-producer-client";

    // Unless the properties set it: kafka produce's --max-block-ms default.
    private const string DefaultMaxBlockMs = "10000";

    // Kafka's DEFAULT_TRANSACTION_DURATION_MS and DEFAULT_TRANSACTION_ID_PREFIX.
    private const long DefaultTransactionDurationMs = 3_000;
    private const string TransactionIdPrefix = "performance-producer-";

    public static Command Create()
    {
        var bootstrapServer = new Option<string?>("--bootstrap-server") { HelpName = "HOST:PORT", Description = "The server(s) to connect to (else bootstrap.servers of --producer-props or --producer.config)." };
        var topic = new Option<string>("--topic") { HelpName = "TOPIC", Description = "Produce messages to this topic.", Required = true };
        var numRecords = new Option<long>("--num-records") { HelpName = "NUM-RECORDS", Description = "Number of messages to produce.", Required = true };
        var recordSize = new Option<int?>("--record-size") { HelpName = "RECORD-SIZE", Description = "Message size in bytes (random capital letters). Exactly one of --record-size, --payload-file, --payload-monotonic." };
        var payloadFile = new Option<string?>("--payload-file") { HelpName = "PAYLOAD-FILE", Description = "A UTF-8 text file of payloads, split at --payload-delimiter; each message is one picked at random." };
        var payloadDelimiter = new Option<string>("--payload-delimiter") { HelpName = "PAYLOAD-DELIMITER", Description = "What separates the payloads of --payload-file (taken literally; \\n, \\r, \\t are escapes).", DefaultValueFactory = _ => "\\n" };
        var payloadMonotonic = new Option<bool>("--payload-monotonic") { Description = "Each message's value is its number (0, 1, 2...)." };
        var throughput = new Option<double>("--throughput") { HelpName = "THROUGHPUT", Description = "Throttle to about THROUGHPUT messages/sec; -1 for no throttling.", Required = true };
        Option<string[]> producerProps = KeyValueOption.CreateMany(
            "--producer-props", "Producer properties by their Kafka names, e.g. acks=1 linger.ms=5 (several after one flag, or the flag repeated); over --producer.config.", "--command-property");
        var producerConfig = new Option<FileInfo>("--producer.config", "--command-config") { HelpName = "CONFIG-FILE", Description = "A properties file of producer properties." }.AcceptExistingOnly();
        var transactionalId = new Option<string?>("--transactional-id") { HelpName = "TRANSACTIONAL-ID", Description = "Produce in transactions with this id (over transactional.id of the properties)." };
        var transactionDuration = new Option<long?>("--transaction-duration-ms") { HelpName = "TRANSACTION-DURATION", Description = $"Commit each transaction after it has been open this long (default {DefaultTransactionDurationMs} with a transactional id; alone it makes one, {TransactionIdPrefix}<uuid>)." };
        var warmupRecords = new Option<long>("--warmup-records") { HelpName = "WARMUP-RECORDS", Description = "Records left out of the steady-state figures, which print after the total.", DefaultValueFactory = _ => 0 };

        var command = new Command("produce", "Produce records as fast as asked and print throughput and latency, as kafka-producer-perf-test.sh does.")
        {
            bootstrapServer, topic, numRecords, recordSize, payloadFile, payloadDelimiter, payloadMonotonic, throughput, producerProps, producerConfig, transactionalId, transactionDuration, warmupRecords,
        };
        command.Validators.Add(result =>
        {
            int payloads = (result.GetResult(recordSize) is { Implicit: false } ? 1 : 0) + (result.GetResult(payloadFile) is { Implicit: false } ? 1 : 0) + (result.GetValue(payloadMonotonic) ? 1 : 0);
            if (payloads != 1)
            {
                result.AddError("Exactly one of --record-size, --payload-file or --payload-monotonic must be specified.");
            }
        });

        command.SetAction((parse, cancellationToken) => ToolErrors.RunAsync(cancellationToken, async token =>
        {
            long records = parse.GetValue(numRecords);
            long warmup = Math.Max(parse.GetValue(warmupRecords), 0);
            double rate = parse.GetValue(throughput);
            if (records <= 0)
            {
                throw new UsageException("--num-records should be greater than zero");
            }

            if (warmup >= records)
            {
                throw new UsageException("The value for --warmup-records must be strictly fewer than the number of records in the test, --num-records.");
            }

            if (parse.GetValue(recordSize) is <= 0)
            {
                throw new UsageException("--record-size should be greater than zero");
            }

            if (parse.GetValue(transactionDuration) is <= 0)
            {
                throw new UsageException("--transaction-duration-ms should be greater than zero");
            }

            if (rate == 0 || double.IsNaN(rate))
            {
                throw new UsageException("--throughput must be greater than 0 messages/sec, or -1 for no throttling.");
            }

            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            if (parse.GetValue(producerConfig) is { } config)
            {
                Properties.AddAll(properties, await PropertiesFile.ReadAsync(config.FullName, token).ConfigureAwait(false));
            }

            Properties.AddAll(properties, KeyValueOption.Pairs(parse.GetValue(producerProps)));
            if (parse.GetValue(bootstrapServer) is { } servers)
            {
                properties["bootstrap.servers"] = servers;
            }
            else if (!properties.ContainsKey("bootstrap.servers"))
            {
                throw new UsageException("Give --bootstrap-server, or bootstrap.servers in --producer-props or --producer.config.");
            }

            properties.TryAdd("client.id", DefaultClientId);

            // As kafka produce: a wrong server or an unknown topic fails within seconds, not Java's minute.
            properties.TryAdd("max.block.ms", DefaultMaxBlockMs);
            long? transactionDurationMs = parse.GetValue(transactionDuration);
            if (parse.GetValue(transactionalId) is { } id)
            {
                properties["transactional.id"] = id;
            }

            if (transactionDurationMs is not null || properties.ContainsKey("transactional.id"))
            {
                properties.TryAdd("transactional.id", TransactionIdPrefix + Guid.NewGuid().ToString());
                transactionDurationMs ??= DefaultTransactionDurationMs;
            }

            ProducerOptions options = UsageException.Wrap(() =>
            {
                ProducerOptions o = ProducerOptions.FromProperties(properties);
                o.Validate();
                return o;
            });
            Payloads payloads = parse.GetValue(recordSize) is { } size ? Payloads.OfSize(size)
                : parse.GetValue(payloadFile) is { } file ? await Payloads.FromFileAsync(file, parse.GetValue(payloadDelimiter)!, Console.Out, token).ConfigureAwait(false)
                : Payloads.Monotonic();
            var settings = new ProducerPerfSettings(parse.GetValue(topic)!, records, warmup, rate, transactionDurationMs);
            await new ProducerPerformance(options, settings, payloads, Console.Out).RunAsync(token).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
