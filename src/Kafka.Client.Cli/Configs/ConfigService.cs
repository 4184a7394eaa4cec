using System.Globalization;
using Kafka.Client.Protocol;

namespace Kafka.Client.Cli.Configs;

/// <summary>What <c>kafka configs</c> does, through the admin client, printing what <c>kafka-configs.sh</c> prints.</summary>
internal sealed class ConfigService(AdminClientOptions options, TextWriter output) : IAsyncDisposable
{
    private readonly KafkaAdminClient _admin = new(options);

    public ValueTask DisposeAsync() => _admin.DisposeAsync();

    /// <summary>Prints the configs of a topic, broker or group: those set (or, with <paramref name="all"/>, every one).</summary>
    public async Task DescribeAsync(ConfigResource resource, string label, bool all, CancellationToken cancellationToken)
    {
        DescribeConfigsResult result = await DescribeOneAsync(resource, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"{(all ? "All" : "Dynamic")} configs for {label} are:").ConfigureAwait(false);
        foreach (ConfigEntry entry in result.Entries.Values.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            bool dynamic = entry.Source is ConfigSource.DynamicTopicConfig or ConfigSource.DynamicBrokerConfig or ConfigSource.DynamicDefaultBrokerConfig or ConfigSource.GroupConfig;
            if (all || dynamic)
            {
                string value = entry.IsSensitive ? "null" : entry.Value ?? "null";
                await output.WriteLineAsync($"  {entry.Name}={value} sensitive={(entry.IsSensitive ? "true" : "false")} synonyms={{{Source(entry.Source)}:{entry.Name}={value}}}").ConfigureAwait(false);
            }
        }
    }

    /// <summary>Prints the configs of one group, or (as Kafka's tool) of every consumer group when <paramref name="groupId"/> is null.</summary>
    public async Task DescribeGroupsAsync(string? groupId, bool all, CancellationToken cancellationToken)
    {
        List<string> groups = [groupId!];
        if (groupId is null)
        {
            ListConsumerGroupsResult listed = await _admin.ListConsumerGroupsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (listed.Errors.Count > 0)
            {
                throw listed.Errors[0];
            }

            groups = [.. listed.Valid.Select(g => g.GroupId).Order(StringComparer.Ordinal)];
        }

        foreach (string group in groups)
        {
            await DescribeAsync(ConfigResource.Group(group), $"group {group}", all, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sets and deletes configs of a topic, broker or group (IncrementalAlterConfigs). As Kafka's tool, deleting a
    /// config the entity does not set fails before anything changes.
    /// </summary>
    public async Task AlterAsync(ConfigResource resource, string label, List<KeyValuePair<string, string>> add, List<string> delete, CancellationToken cancellationToken)
    {
        if (delete.Count > 0)
        {
            DescribeConfigsResult current = await DescribeOneAsync(resource, cancellationToken).ConfigureAwait(false);
            ConfigSource own = OwnSource(resource);
            List<string> unset = [.. delete.Where(name => !current.Entries.TryGetValue(name, out ConfigEntry? entry) || entry.Source != own)];
            if (unset.Count > 0)
            {
                throw new KafkaException(ErrorCode.InvalidConfig, $"Invalid config(s): {string.Join(",", unset)}");
            }
        }

        List<AlterConfigOp> ops = [.. add.Select(a => AlterConfigOp.Set(a.Key, a.Value)), .. delete.Select(AlterConfigOp.Delete)];
        AlterConfigsResult result = (await _admin.IncrementalAlterConfigsAsync(new Dictionary<ConfigResource, IReadOnlyList<AlterConfigOp>> { [resource] = ops }, cancellationToken: cancellationToken).ConfigureAwait(false))[0];
        if (result.Error is { } error)
        {
            throw error;
        }

        await output.WriteLineAsync($"Completed updating config for {label}.").ConfigureAwait(false);
    }

    /// <summary>Prints the SCRAM mechanisms and iterations of users (all users with credentials when none is named).</summary>
    public async Task DescribeUsersAsync(string? user, CancellationToken cancellationToken)
    {
        IReadOnlyList<UserScramCredentialsDescription> users = await _admin.DescribeUserScramCredentialsAsync(user is null ? null : [user], cancellationToken).ConfigureAwait(false);
        foreach (UserScramCredentialsDescription description in users)
        {
            if (description.Error is { Error: ErrorCode.ResourceNotFound } && user is not null)
            {
                continue;
            }

            if (description.Error is { } error)
            {
                throw error;
            }

            string credentials = string.Join(", ", description.Credentials.OrderBy(c => c.Mechanism).Select(c => string.Create(CultureInfo.InvariantCulture, $"{Mechanism(c.Mechanism)}=iterations={c.Iterations}")));
            await output.WriteLineAsync($"SCRAM credential configs for user-principal '{description.User}' are {credentials}").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sets and deletes a user's SCRAM credentials: <c>SCRAM-SHA-256=[iterations=8192,password=...]</c> (iterations
    /// default 4096) to add, <c>SCRAM-SHA-512</c> to delete.
    /// </summary>
    /// <exception cref="UsageException">A config is not a SCRAM mechanism, or a password is missing.</exception>
    public async Task AlterUserAsync(string user, List<KeyValuePair<string, string>> add, List<string> delete, CancellationToken cancellationToken)
    {
        var alterations = new List<UserScramCredentialAlteration>();
        foreach ((string name, string value) in add)
        {
            int iterations = 4096;
            string? password = null;
            foreach (string part in value.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                int equals = part.IndexOf('=', StringComparison.Ordinal);
                string key = equals < 0 ? part : part[..equals];
                string text = equals < 0 ? "" : part[(equals + 1)..];
                if (key == "password")
                {
                    password = text;
                }
                else if (key != "iterations" || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out iterations))
                {
                    throw new UsageException($"{name} takes [iterations=N,password=...], not '{key}'.");
                }
            }

            alterations.Add(new UserScramCredentialUpsertion(user, new ScramCredentialInfo(ParseMechanism(name), iterations),
                password ?? throw new UsageException($"{name} needs password=... (as [iterations=8192,password=...]).")));
        }

        alterations.AddRange(delete.Select(name => new UserScramCredentialDeletion(user, ParseMechanism(name))));
        (await _admin.AlterUserScramCredentialsAsync(alterations, cancellationToken).ConfigureAwait(false)).ThrowIfAnyFailed();
        await output.WriteLineAsync($"Completed updating config for user {user}.").ConfigureAwait(false);
    }

    private async Task<DescribeConfigsResult> DescribeOneAsync(ConfigResource resource, CancellationToken cancellationToken)
    {
        DescribeConfigsResult result = (await _admin.DescribeConfigsAsync([resource], cancellationToken).ConfigureAwait(false))[0];
        return result.Error is { } error ? throw error : result;
    }

    /// <summary>The source of the configs set on the entity itself (those <c>--delete-config</c> can remove).</summary>
    private static ConfigSource OwnSource(ConfigResource resource) => resource.Type switch
    {
        ConfigResourceType.Topic => ConfigSource.DynamicTopicConfig,
        ConfigResourceType.Group => ConfigSource.GroupConfig,
        _ when resource.Name.Length == 0 => ConfigSource.DynamicDefaultBrokerConfig,
        _ => ConfigSource.DynamicBrokerConfig,
    };

    private static ScramMechanism ParseMechanism(string name) => name switch
    {
        "SCRAM-SHA-256" => ScramMechanism.ScramSha256,
        "SCRAM-SHA-512" => ScramMechanism.ScramSha512,
        _ => throw new UsageException($"Users take the configs SCRAM-SHA-256 and SCRAM-SHA-512 here, not '{name}'."),
    };

    private static string Mechanism(ScramMechanism mechanism) => mechanism == ScramMechanism.ScramSha256 ? "SCRAM-SHA-256" : "SCRAM-SHA-512";

    private static string Source(ConfigSource source) => source switch
    {
        ConfigSource.DynamicTopicConfig => "DYNAMIC_TOPIC_CONFIG",
        ConfigSource.DynamicBrokerConfig => "DYNAMIC_BROKER_CONFIG",
        ConfigSource.DynamicDefaultBrokerConfig => "DYNAMIC_DEFAULT_BROKER_CONFIG",
        ConfigSource.GroupConfig => "DYNAMIC_GROUP_CONFIG",
        ConfigSource.StaticBrokerConfig => "STATIC_BROKER_CONFIG",
        ConfigSource.DefaultConfig => "DEFAULT_CONFIG",
        _ => "UNKNOWN_CONFIG",
    };
}
