using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kafka.Client.Testing;

namespace Kafka.Client.Cli.Broker;

/// <summary>
/// The flags of <c>kafka broker</c>, and the cluster options they describe: the flags' defaults, then
/// <c>--config server.properties</c>, then the flags given on the command line, which win over the file.
/// </summary>
internal sealed class BrokerFlags
{
    private readonly Option<int> _brokers = new("--brokers") { Description = "Number of brokers.", DefaultValueFactory = _ => 1 };
    private readonly Option<int> _port = new("--port") { Description = "Port of the first broker; the others use the next ports. 0 picks free ports.", DefaultValueFactory = _ => 9092 };
    private readonly Option<string?> _brokerIds = new("--broker-ids") { Description = "Comma-separated broker ids, e.g. 10,11,12 (overrides --brokers)." };
    private readonly Option<string> _host = new("--host") { Description = "Address to listen on and advertise.", DefaultValueFactory = _ => "127.0.0.1" };
    private readonly Option<string?> _dataDir = new("--data-dir")
    {
        HelpName = "DIR",
        Description = "Keep the cluster in DIR, so a restart with the same DIR finds it again: topics with their ids, partitions, replicas and configs, "
            + "every partition's records (segment files) and log start offset, committed offsets, ACLs, SCRAM credentials, transactions, group configs and the cluster id. "
            + "Dynamic broker configs and group members are not kept. In memory when absent.",
    };

    private readonly Option<FileInfo> _config = new Option<FileInfo>("--config") { HelpName = "server.properties", Description = "A Kafka server.properties: node.id/broker.id, port, listeners, advertised.listeners, log.dirs/log.dir, num.partitions, default.replication.factor, auto.create.topics.enable, log.retention.*, group.* and the SASL/ACL keys apply; keys without effect here are listed on stderr, unknown keys warned about. Flags win over the file." }.AcceptExistingOnly();
    private readonly Option<int> _partitions = new("--num-partitions") { Description = "Partitions of auto-created topics.", DefaultValueFactory = _ => 1 };
    private readonly Option<string[]> _listeners = Repeatable("--listener", "PROTO://HOST:PORT", "A listener, as Kafka's listeners entries: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (repeatable; replaces --host and --port). The next brokers take the following ports.");
    private readonly Option<string[]> _saslUsers = Repeatable("--sasl-user", "NAME:PASSWORD", "A SASL user, for PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 (repeatable).");
    private readonly Option<FileInfo?> _certificate = new("--ssl-certificate-location") { HelpName = "FILE", Description = "The TLS listeners' certificate, a PEM file (instead of the one made at start); its key is --ssl-key-location or in the same file." };
    private readonly Option<FileInfo?> _key = new("--ssl-key-location") { HelpName = "FILE", Description = "The private key of --ssl-certificate-location, a PEM file." };
    private readonly Option<string> _clientAuth = new("--ssl-client-auth") { HelpName = "none|requested|required", Description = "Whether the SSL listener asks clients for a certificate signed by the CA (ssl.client.auth).", DefaultValueFactory = _ => "none" };
    private readonly Option<string?> _mechanisms = new("--sasl-enabled-mechanisms") { HelpName = "LIST", Description = "The SASL mechanisms offered, comma-separated: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER (unsecured JWTs). Default the first three." };
    private readonly Option<bool> _acls = new("--acls") { Description = "Enforce ACLs (an authorizer, as authorizer.class.name); manage them with kafka acls." };
    private readonly Option<string[]> _superUsers = Repeatable("--super-user", "PRINCIPAL", "A principal allowed everything with --acls, e.g. User:admin (repeatable).");
    private readonly Option<bool> _allowIfNoAcl = new("--allow-everyone-if-no-acl-found") { Description = "With --acls: a resource no ACL applies to is open to everyone." };

    public BrokerFlags() => _clientAuth.AcceptOnlyFromAmong("none", "requested", "required");

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _brokers, _port, _brokerIds, _host, _dataDir, _config, _partitions, _listeners, _saslUsers, _clientAuth, _certificate, _key, _mechanisms, _acls, _superUsers, _allowIfNoAcl })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The cluster options, and the server.properties read (null without <c>--config</c>).</summary>
    /// <exception cref="UsageException">A flag or a key of the file has a bad value, or the certificate cannot be read.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public async Task<(EmbeddedKafkaClusterOptions Options, ServerProperties? File)> ToOptionsAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var options = new EmbeddedKafkaClusterOptions
        {
            Brokers = parse.GetValue(_brokers),
            Port = parse.GetValue(_port),
            Host = parse.GetValue(_host)!,
            DefaultPartitions = parse.GetValue(_partitions),
        };
        ServerProperties? file = null;
        if (parse.GetValue(_config) is { } config)
        {
            file = await ServerProperties.ReadAsync(config.FullName, cancellationToken).ConfigureAwait(false);
            file.ApplyTo(options, options.Host);
        }

        // The flags given win over the file.
        if (Given(parse, _port))
        {
            options.Port = parse.GetValue(_port);
        }

        if (Given(parse, _host))
        {
            options.Host = parse.GetValue(_host)!;
        }

        if (Given(parse, _partitions))
        {
            options.DefaultPartitions = parse.GetValue(_partitions);
        }

        if (parse.GetValue(_dataDir) is { } dataDir)
        {
            options.DataDirectory = dataDir;
        }

        if (Given(parse, _clientAuth) || file is null)
        {
            options.SslClientAuth = parse.GetValue(_clientAuth) switch
            {
                "required" => SslClientAuthentication.Required,
                "requested" => SslClientAuthentication.Requested,
                _ => SslClientAuthentication.None,
            };
        }

        if (parse.GetValue(_acls))
        {
            options.EnableAcls = true;
        }

        if (parse.GetValue(_allowIfNoAcl))
        {
            options.AllowEveryoneIfNoAclFound = true;
        }

        ReplaceIfGiven(options.SuperUsers, parse.GetValue(_superUsers));
        ReplaceIfGiven(options.Listeners, parse.GetValue(_listeners));
        if (parse.GetValue(_mechanisms) is { } offered)
        {
            ReplaceIfGiven(options.SaslEnabledMechanisms, [.. offered.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(m => m.ToUpperInvariant())]);
        }

        foreach (string user in parse.GetValue(_saslUsers) ?? [])
        {
            int colon = user.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new UsageException("--sasl-user takes NAME:PASSWORD");
            }

            options.SaslUsers[user[..colon]] = user[(colon + 1)..];
        }

        if (parse.GetValue(_brokerIds) is { Length: > 0 } ids)
        {
            try
            {
                options.BrokerIds = [.. ids.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(id => int.Parse(id, CultureInfo.InvariantCulture))];
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw new UsageException($"--broker-ids '{ids}' is not a comma-separated list of numbers");
            }
        }

        if (parse.GetValue(_certificate) is { } certificateFile)
        {
            try
            {
                options.TlsCertificate = X509Certificate2.CreateFromPemFile(certificateFile.FullName, parse.GetValue(_key)?.FullName);
            }
            catch (Exception e) when (e is CryptographicException or IOException or ArgumentException)
            {
                throw new UsageException($"cannot read the certificate and key: {e.Message}");
            }
        }

        return (options, file);
    }

    private static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    private static void ReplaceIfGiven(IList<string> target, string[]? values)
    {
        if (values is { Length: > 0 })
        {
            target.Clear();
            foreach (string value in values)
            {
                target.Add(value);
            }
        }
    }

    private static Option<string[]> Repeatable(string name, string helpName, string description) => new(name)
    {
        HelpName = helpName,
        Description = description,
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };
}
