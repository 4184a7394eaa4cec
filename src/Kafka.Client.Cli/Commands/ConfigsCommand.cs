using System.CommandLine;
using Kafka.Client.Cli.Configs;
using Kafka.Client.Cli.Options;

namespace Kafka.Client.Cli.Commands;

/// <summary>
/// <c>kafka configs</c>: Kafka's <c>kafka-configs.sh</c> for topics, brokers, groups and SCRAM users:
/// <c>--describe</c> and <c>--alter --add-config k=v,... --delete-config k,...</c> with <c>--entity-type</c>/<c>--entity-name</c>
/// (or <c>--topic</c>, <c>--broker</c>, <c>--group</c>, <c>--user</c>).
/// </summary>
internal static class ConfigsCommand
{
    public static Command Create()
    {
        Option<string> bootstrapServer = ClusterOptions.BootstrapServer();
        Option<FileInfo> commandConfig = ClusterOptions.CommandConfig();
        Option<int> timeout = ClusterOptions.Timeout();
        var actions = new ActionFlags(
            ("--describe", "Show the configs of the entity."),
            ("--alter", "Change the configs of the entity: --add-config, --delete-config."));
        var entityType = new Option<string?>("--entity-type") { HelpName = "topics|brokers|groups|users", Description = "The kind of entity." };
        entityType.AcceptOnlyFromAmong("topics", "brokers", "groups", "users");
        var entityName = new Option<string?>("--entity-name") { HelpName = "NAME", Description = "The topic name, broker id, group id or user name." };
        var entityDefault = new Option<bool>("--entity-default") { Description = "With --entity-type brokers: the cluster-wide default." };
        var topic = new Option<string?>("--topic") { HelpName = "TOPIC", Description = "Same as --entity-type topics --entity-name TOPIC." };
        var broker = new Option<string?>("--broker") { HelpName = "ID", Description = "Same as --entity-type brokers --entity-name ID." };
        var group = new Option<string?>("--group") { HelpName = "GROUP", Description = "Same as --entity-type groups --entity-name GROUP." };
        var user = new Option<string?>("--user") { HelpName = "USER", Description = "Same as --entity-type users --entity-name USER." };
        var addConfig = new Option<string?>("--add-config") { HelpName = "K=V,...", Description = "Configs to set: k1=v1,k2=[v2,v3]; for groups consumer.session.timeout.ms, consumer.heartbeat.interval.ms, share.*; for users SCRAM-SHA-256=[iterations=8192,password=...]." };
        var deleteConfig = new Option<string?>("--delete-config") { HelpName = "K,...", Description = "Configs to remove (for users: SCRAM-SHA-256, SCRAM-SHA-512)." };
        var all = new Option<bool>("--all") { Description = "With --describe: every config, not only those set." };

        var command = new Command("configs", "Describe and alter the configs of topics, brokers and groups, and SCRAM users, as kafka-configs.sh does.")
        {
            bootstrapServer, commandConfig, timeout, entityType, entityName, entityDefault, topic, broker, group, user, addConfig, deleteConfig, all,
        };
        actions.AddTo(command);
        actions.Allow(command, addConfig, "--alter");
        actions.Allow(command, deleteConfig, "--alter");
        actions.Allow(command, all, "--describe");

        command.SetAction((parse, cancellationToken) => ToolErrors.RunAsync(cancellationToken, async token =>
        {
            (string type, string? name) = Entity(parse.GetValue(entityType), parse.GetValue(entityName), parse.GetValue(topic), parse.GetValue(broker), parse.GetValue(group), parse.GetValue(user), parse.GetValue(entityDefault));
            AdminClientOptions options = await ClusterOptions.AdminAsync(
                parse.GetValue(bootstrapServer)!, parse.GetValue(commandConfig), parse.GetValue(timeout), token).ConfigureAwait(false);
            var service = new ConfigService(options, Console.Out);
            await using (service.ConfigureAwait(false))
            {
                bool describe = actions.Chosen(parse) == "--describe";
                List<KeyValuePair<string, string>> add = parse.GetValue(addConfig) is { } a ? ConfigText.Pairs(a) : [];
                List<string> delete = parse.GetValue(deleteConfig) is { } d ? ConfigText.Names(d) : [];
                if (!describe && add.Count + delete.Count == 0)
                {
                    throw new UsageException("--alter needs --add-config or --delete-config.");
                }

                switch (type)
                {
                    case "users" when describe:
                        await service.DescribeUsersAsync(name, token).ConfigureAwait(false);
                        break;
                    case "users":
                        await service.AlterUserAsync(name ?? throw new UsageException("--alter of users needs --entity-name USER."), add, delete, token).ConfigureAwait(false);
                        break;
                    case "groups" when describe:
                        await service.DescribeGroupsAsync(name, parse.GetValue(all), token).ConfigureAwait(false);
                        break;
                    case "groups":
                        await service.AlterAsync(ConfigResource.Group(name ?? throw new UsageException("--alter of groups needs --entity-name GROUP.")), $"group {name}", add, delete, token).ConfigureAwait(false);
                        break;
                    default:
                        (ConfigResource resource, string label) = type == "topics"
                            ? (ConfigResource.Topic(name ?? throw new UsageException("Topics need --entity-name TOPIC.")), $"topic {name}")
                            : (new ConfigResource(ConfigResourceType.Broker, name ?? ""), name is null ? "brokers in the cluster (default)" : $"broker {name}");
                        if (describe)
                        {
                            await service.DescribeAsync(resource, label, parse.GetValue(all), token).ConfigureAwait(false);
                        }
                        else
                        {
                            await service.AlterAsync(resource, label, add, delete, token).ConfigureAwait(false);
                        }

                        break;
                }
            }

            return 0;
        }));
        return command;
    }

    private static (string Type, string? Name) Entity(string? type, string? name, string? topic, string? broker, string? group, string? user, bool entityDefault)
    {
        (string Type, string Name)[] shortcuts = [.. new[] { ("topics", topic), ("brokers", broker), ("groups", group), ("users", user) }.Where(s => s.Item2 is not null).Select(s => (s.Item1, s.Item2!))];
        if (shortcuts.Length > 1 || (shortcuts.Length == 1 && type is not null))
        {
            throw new UsageException("Give one entity: --entity-type with --entity-name, or one of --topic, --broker, --group, --user.");
        }

        if (shortcuts.Length == 1)
        {
            return shortcuts[0];
        }

        if (type is null)
        {
            throw new UsageException("--entity-type is required (topics, brokers, groups or users).");
        }

        if (entityDefault && (type != "brokers" || name is not null))
        {
            throw new UsageException("--entity-default goes with --entity-type brokers and no --entity-name.");
        }

        return (type, name);
    }
}
