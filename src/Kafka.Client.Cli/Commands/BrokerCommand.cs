using System.CommandLine;
using System.Globalization;
using Kafka.Client.Testing;
using Microsoft.Extensions.Logging;

namespace Kafka.Client.Cli.Commands;

/// <summary><c>kafka broker</c>: runs an embedded cluster until Ctrl+C or SIGTERM.</summary>
internal static class BrokerCommand
{
    public static Command Create()
    {
        var brokers = new Option<int>("--brokers") { Description = "Number of brokers.", DefaultValueFactory = _ => 1 };
        var port = new Option<int>("--port") { Description = "Port of the first broker; the others use the next ports. 0 picks free ports.", DefaultValueFactory = _ => 9092 };
        var brokerIds = new Option<string?>("--broker-ids") { Description = "Comma-separated broker ids, e.g. 10,11,12 (overrides --brokers)." };
        var host = new Option<string>("--host") { Description = "Address to listen on and advertise.", DefaultValueFactory = _ => "127.0.0.1" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Directory for segment files and committed offsets; in memory when absent." };
        var partitions = new Option<int>("--num-partitions") { Description = "Partitions of auto-created topics.", DefaultValueFactory = _ => 1 };
        var quiet = new Option<bool>("--quiet") { Description = "Log warnings and errors only." };
        Option<string[]> listeners = Repeatable("--listener", "PROTO://HOST:PORT", "A listener, as Kafka's listeners entries: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (repeatable; replaces --host and --port). The next brokers take the following ports.");
        Option<string[]> saslUsers = Repeatable("--sasl-user", "NAME:PASSWORD", "A SASL user, for PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 (repeatable).");
        var writeCa = new Option<FileInfo?>("--write-ca") { HelpName = "FILE", Description = "Write the PEM of the CA that signed the brokers' TLS certificate to FILE (for ssl.ca.location)." };
        var clientAuth = new Option<string>("--ssl-client-auth") { HelpName = "none|requested|required", Description = "Whether the SSL listener asks clients for a certificate signed by the CA (ssl.client.auth).", DefaultValueFactory = _ => "none" };
        clientAuth.AcceptOnlyFromAmong("none", "requested", "required");
        var certificate = new Option<FileInfo?>("--ssl-certificate-location") { HelpName = "FILE", Description = "The TLS listeners' certificate, a PEM file (instead of the one made at start); its key is --ssl-key-location or in the same file." };
        var key = new Option<FileInfo?>("--ssl-key-location") { HelpName = "FILE", Description = "The private key of --ssl-certificate-location, a PEM file." };
        var mechanisms = new Option<string?>("--sasl-enabled-mechanisms") { HelpName = "LIST", Description = "The SASL mechanisms offered, comma-separated: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER (unsecured JWTs). Default the first three." };
        var acls = new Option<bool>("--acls") { Description = "Enforce ACLs (an authorizer, as authorizer.class.name); manage them with kafka acls." };
        Option<string[]> superUsers = Repeatable("--super-user", "PRINCIPAL", "A principal allowed everything with --acls, e.g. User:admin (repeatable).");
        var allowIfNoAcl = new Option<bool>("--allow-everyone-if-no-acl-found") { Description = "With --acls: a resource no ACL applies to is open to everyone." };

        var command = new Command("broker", "Run Kafka brokers in this process (no JVM) until Ctrl+C or SIGTERM.")
        {
            brokers, port, brokerIds, host, dataDir, partitions, quiet, listeners, saslUsers, writeCa, clientAuth, certificate, key, mechanisms, acls, superUsers, allowIfNoAcl,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new EmbeddedKafkaClusterOptions
            {
                Brokers = parse.GetValue(brokers),
                Port = parse.GetValue(port),
                Host = parse.GetValue(host)!,
                DataDirectory = parse.GetValue(dataDir),
                DefaultPartitions = parse.GetValue(partitions),
                SslClientAuth = parse.GetValue(clientAuth) switch
                {
                    "required" => SslClientAuthentication.Required,
                    "requested" => SslClientAuthentication.Requested,
                    _ => SslClientAuthentication.None,
                },
            };
            if (parse.GetValue(certificate) is { } certificateFile)
            {
                try
                {
                    options.TlsCertificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(
                        certificateFile.FullName, parse.GetValue(key)?.FullName);
                }
                catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or ArgumentException)
                {
                    return await ToolErrors.ReportAsync(ToolErrors.Usage, $"cannot read the certificate and key: {e.Message}").ConfigureAwait(false);
                }
            }

            options.EnableAcls = parse.GetValue(acls);
            options.AllowEveryoneIfNoAclFound = parse.GetValue(allowIfNoAcl);
            foreach (string superUser in parse.GetValue(superUsers) ?? [])
            {
                options.SuperUsers.Add(superUser);
            }

            if (parse.GetValue(mechanisms) is { } offered)
            {
                options.SaslEnabledMechanisms.Clear();
                foreach (string mechanism in offered.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    options.SaslEnabledMechanisms.Add(mechanism.ToUpperInvariant());
                }
            }

            foreach (string listener in parse.GetValue(listeners) ?? [])
            {
                options.Listeners.Add(listener);
            }

            foreach (string user in parse.GetValue(saslUsers) ?? [])
            {
                int colon = user.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    return await ToolErrors.ReportAsync(ToolErrors.Usage, "--sasl-user takes NAME:PASSWORD").ConfigureAwait(false);
                }

                options.SaslUsers[user[..colon]] = user[(colon + 1)..];
            }

            if (parse.GetValue(brokerIds) is { Length: > 0 } ids)
            {
                try
                {
                    options.BrokerIds = [.. ids.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(id => int.Parse(id, CultureInfo.InvariantCulture))];
                }
                catch (FormatException)
                {
                    return await ToolErrors.ReportAsync(ToolErrors.Usage, $"--broker-ids '{ids}' is not a comma-separated list of numbers").ConfigureAwait(false);
                }
            }

            using ILoggerFactory logging = LoggerFactory.Create(b => b
                .AddSimpleConsole(c => { c.SingleLine = true; c.TimestampFormat = "HH:mm:ss.fff "; })
                .AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace)
                .SetMinimumLevel(parse.GetValue(quiet) ? LogLevel.Warning : LogLevel.Information));
            options.LoggerFactory = logging;

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

    private static Option<string[]> Repeatable(string name, string helpName, string description) => new(name)
    {
        HelpName = helpName,
        Description = description,
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };
}
