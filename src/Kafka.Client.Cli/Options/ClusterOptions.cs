using System.CommandLine;
using System.Globalization;

namespace Kafka.Client.Cli.Options;

/// <summary>
/// The flags every command that talks to a cluster shares (<c>--bootstrap-server</c>, <c>--command-config</c>,
/// <c>--timeout</c>), and the admin client they describe: one that gives up after seconds, not Java's minute.
/// </summary>
internal static class ClusterOptions
{
    /// <summary>How long an admin call may take, retries included, unless <c>--timeout</c> says otherwise.</summary>
    public const int DefaultTimeoutMs = 10_000;

    /// <summary>The required <c>--bootstrap-server HOST:PORT[,HOST:PORT...]</c>.</summary>
    public static Option<string> BootstrapServer() => new("--bootstrap-server")
    {
        Description = "The server(s) to connect to: HOST:PORT, or several separated by commas.",
        HelpName = "HOST:PORT",
        Required = true,
    };

    /// <summary><c>--command-config FILE</c>: admin client properties, as Kafka's tools take them.</summary>
    public static Option<FileInfo> CommandConfig() =>
        new Option<FileInfo>("--command-config") { HelpName = "FILE", Description = "A properties file of admin client properties in Kafka's names (e.g. security.protocol, sasl.mechanism, sasl.username, ssl.ca.location, request.timeout.ms)." }.AcceptExistingOnly();

    /// <summary><c>--timeout MS</c>: how long each admin call may take.</summary>
    public static Option<int> Timeout() => new("--timeout")
    {
        HelpName = "MS",
        Description = "How long each call to the cluster may take, retries included, in ms (sets default.api.timeout.ms).",
        DefaultValueFactory = _ => DefaultTimeoutMs,
    };

    /// <summary>Admin client options from the properties of <paramref name="configFile"/> (see <see cref="Admin"/>).</summary>
    /// <exception cref="UsageException">A property is unknown or invalid.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static async Task<AdminClientOptions> AdminAsync(string bootstrapServers, FileInfo? configFile, int timeoutMs, CancellationToken cancellationToken) =>
        Admin(bootstrapServers, configFile is null ? [] : await PropertiesFile.ReadAsync(configFile.FullName, cancellationToken).ConfigureAwait(false), timeoutMs);

    /// <summary>
    /// Admin client options: the timeout (which also bounds each request and each connection attempt), then
    /// <paramref name="properties"/>, then the bootstrap servers.
    /// </summary>
    /// <exception cref="UsageException">A property is unknown or invalid.</exception>
    public static AdminClientOptions Admin(string bootstrapServers, IEnumerable<KeyValuePair<string, string>> properties, int timeoutMs)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["default.api.timeout.ms"] = timeoutMs.ToString(CultureInfo.InvariantCulture),
            ["request.timeout.ms"] = Math.Min(timeoutMs, 5_000).ToString(CultureInfo.InvariantCulture),
            ["socket.connection.setup.timeout.ms"] = Math.Min(timeoutMs, 5_000).ToString(CultureInfo.InvariantCulture),
        };
        Properties.AddAll(all, properties);
        all["bootstrap.servers"] = bootstrapServers;
        return UsageException.Wrap(() =>
        {
            AdminClientOptions options = AdminClientOptions.FromProperties(all);
            options.Validate();
            return options;
        });
    }
}
