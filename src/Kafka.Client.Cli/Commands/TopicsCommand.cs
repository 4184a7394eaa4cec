using System.CommandLine;
using Kafka.Client.Cli.Options;
using Kafka.Client.Cli.Topics;

namespace Kafka.Client.Cli.Commands;

/// <summary>
/// <c>kafka topics</c>: Kafka's <c>kafka-topics.sh</c>. Creates, lists, describes, alters and deletes topics with
/// the same flags and the same output.
/// </summary>
internal static class TopicsCommand
{
    public static Command Create()
    {
        Option<string> bootstrapServer = ClusterOptions.BootstrapServer();
        Option<FileInfo> commandConfig = ClusterOptions.CommandConfig();
        Option<int> timeout = ClusterOptions.Timeout();
        var actions = new ActionFlags(
            ("--create", "Create a new topic."),
            ("--list", "List all available topics."),
            ("--describe", "List details for the given topics (all topics without --topic)."),
            ("--alter", "Increase the number of partitions of a topic."),
            ("--delete", "Delete a topic."));
        var topic = new Option<string>("--topic")
        {
            HelpName = "TOPIC",
            Description = "The topic; with --list, --describe, --alter and --delete also a regular expression (commas separate alternatives).",
        };
        var partitions = new Option<int?>("--partitions") { HelpName = "N", Description = "The number of partitions (--create; the new total with --alter)." };
        var replicationFactor = new Option<short?>("--replication-factor") { HelpName = "N", Description = "The replication factor of each partition (--create)." };
        Option<string[]> config = KeyValueOption.Create("--config", "A topic config override for the topic being created, e.g. retention.ms=60000.");
        var ifNotExists = new Option<bool>("--if-not-exists") { Description = "With --create: do nothing when the topic exists." };
        var ifExists = new Option<bool>("--if-exists") { Description = "With --alter, --describe or --delete: do nothing when the topic does not exist." };
        var excludeInternal = new Option<bool>("--exclude-internal") { Description = "Leave out internal topics (__consumer_offsets...) with --list and --describe." };

        var command = new Command("topics", "Create, list, describe, alter and delete topics, as kafka-topics.sh does.")
        {
            bootstrapServer, commandConfig, timeout, topic, partitions, replicationFactor, config, ifNotExists, ifExists, excludeInternal,
        };
        actions.AddTo(command);
        actions.Require(command, topic, ["--create", "--alter", "--delete"], onlyWith: false);
        actions.Require(command, partitions, ["--alter"], onlyWith: false);
        actions.Allow(command, partitions, "--create", "--alter");
        actions.Allow(command, replicationFactor, "--create");
        actions.Allow(command, config, "--create");
        actions.Allow(command, ifNotExists, "--create");
        actions.Allow(command, ifExists, "--alter", "--describe", "--delete");

        command.SetAction((parse, cancellationToken) => ToolErrors.RunAsync(cancellationToken, async token =>
        {
            AdminClientOptions options = await ClusterOptions.AdminAsync(
                parse.GetValue(bootstrapServer)!, parse.GetValue(commandConfig), parse.GetValue(timeout), token).ConfigureAwait(false);
            var service = new TopicService(options, Console.Out, parse.GetValue(excludeInternal));
            await using (service.ConfigureAwait(false))
            {
                string? name = parse.GetValue(topic);
                switch (actions.Chosen(parse))
                {
                    case "--create":
                        await service.CreateAsync(
                            name!, parse.GetValue(partitions), parse.GetValue(replicationFactor), KeyValueOption.Pairs(parse.GetValue(config)), parse.GetValue(ifNotExists), token).ConfigureAwait(false);
                        break;
                    case "--list":
                        await service.ListAsync(name, token).ConfigureAwait(false);
                        break;
                    case "--describe":
                        await service.DescribeAsync(name, parse.GetValue(ifExists), token).ConfigureAwait(false);
                        break;
                    case "--alter":
                        await service.AlterAsync(name!, parse.GetValue(partitions)!.Value, parse.GetValue(ifExists), token).ConfigureAwait(false);
                        break;
                    default:
                        await service.DeleteAsync(name!, parse.GetValue(ifExists), token).ConfigureAwait(false);
                        break;
                }
            }

            return 0;
        }));
        return command;
    }
}
