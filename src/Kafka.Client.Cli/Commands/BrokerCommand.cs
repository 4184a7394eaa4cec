using System.CommandLine;
using Kafka.Client.Cli.Broker;
using Kafka.Client.Testing;
using Microsoft.Extensions.Logging;

namespace Kafka.Client.Cli.Commands;

/// <summary><c>kafka broker</c>: runs an embedded cluster until Ctrl+C or SIGTERM.</summary>
internal static class BrokerCommand
{
    public static Command Create()
    {
        var flags = new BrokerFlags();
        var quiet = new Option<bool>("--quiet") { Description = "Log warnings and errors only." };
        var writeCa = new Option<FileInfo?>("--write-ca") { HelpName = "FILE", Description = "Write the PEM of the CA that signed the brokers' TLS certificate to FILE (for ssl.ca.location)." };
        var command = new Command("broker", "Run Kafka brokers in this process (no JVM) until Ctrl+C or SIGTERM.") { quiet, writeCa };
        flags.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            EmbeddedKafkaClusterOptions options;
            ServerProperties? file;
            try
            {
                (options, file) = await flags.ToOptionsAsync(parse, cancellationToken).ConfigureAwait(false);
            }
            catch (UsageException e)
            {
                return await ToolErrors.ReportAsync(ToolErrors.Usage, e.Message).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                return await ToolErrors.ReportAsync(ToolErrors.Usage, $"cannot read --config: {e.Message}").ConfigureAwait(false);
            }

            using ILoggerFactory logging = LoggerFactory.Create(b => b
                .AddSimpleConsole(c => { c.SingleLine = true; c.TimestampFormat = "HH:mm:ss.fff "; })
                .AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace)
                .SetMinimumLevel(parse.GetValue(quiet) ? LogLevel.Warning : LogLevel.Information));
            options.LoggerFactory = logging;
            if (file is not null)
            {
                ReportKeys(logging.CreateLogger("Kafka.Client.Cli.Broker"), file);
            }

            using var signals = new ShutdownSignals(cancellationToken);

            EmbeddedKafkaCluster cluster;
            try
            {
                cluster = await EmbeddedKafkaCluster.StartAsync(options, signals.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or ArgumentException or IOException)
            {
                return await ToolErrors.ReportAsync(ToolErrors.Failed, $"cannot start the brokers: {e.Message}").ConfigureAwait(false);
            }

            await using (cluster.ConfigureAwait(false))
            {
                if (parse.GetValue(writeCa) is { } caFile)
                {
                    if (cluster.CertificateAuthorityPem is not { } pem)
                    {
                        return await ToolErrors.ReportAsync(ToolErrors.Usage, "--write-ca needs an SSL or SASL_SSL --listener").ConfigureAwait(false);
                    }

                    await File.WriteAllTextAsync(caFile.FullName, pem, signals.Token).ConfigureAwait(false);
                }

                // One line per listener, then the first listener's as the line scripts wait for.
                foreach (string listener in options.Listeners)
                {
                    string protocol = listener[..listener.IndexOf("://", StringComparison.Ordinal)].ToUpperInvariant();
                    Console.Out.WriteLine($"{protocol} bootstrap.servers={cluster.BootstrapServersFor(protocol)}");
                }

                Console.Out.WriteLine($"bootstrap.servers={cluster.BootstrapServers}");
                Console.Out.Flush();
                try
                {
                    await Task.Delay(Timeout.Infinite, signals.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                Console.Out.WriteLine("Shutting down.");
            }

            return 0;
        });
        return command;
    }

    /// <summary>
    /// As Kafka's AbstractConfig.logUnused: a warning per key nobody reads; and, once, the keys of Kafka's that do
    /// nothing in an embedded broker. Only names are written, never values (a value may be a password).
    /// </summary>
    private static void ReportKeys(ILogger logger, ServerProperties file)
    {
        foreach (string key in file.Unknown)
        {
            logger.LogWarning("The configuration '{Key}' was supplied but isn't a known config.", key);
        }

        logger.LogInformation("From the config file: {Keys}.", string.Join(", ", file.Applied));
        if (file.WithoutEffect.Count > 0)
        {
            logger.LogInformation("Without effect on the embedded broker: {Keys}.", string.Join(", ", file.WithoutEffect));
        }
    }
}
