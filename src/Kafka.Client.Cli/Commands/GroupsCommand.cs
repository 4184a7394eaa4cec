using System.CommandLine;
using Kafka.Client.Cli.Groups;
using Kafka.Client.Cli.Options;

namespace Kafka.Client.Cli.Commands;

/// <summary>
/// <c>kafka groups</c>: Kafka's <c>kafka-consumer-groups.sh</c>. Lists, describes (offsets and lag), resets the
/// offsets of and deletes consumer groups, with the same flags and the same output.
/// </summary>
internal static class GroupsCommand
{
    private static readonly string[] Scenarios = ["--to-earliest", "--to-latest", "--to-offset", "--shift-by"];

    public static Command Create()
    {
        Option<string> bootstrapServer = ClusterOptions.BootstrapServer();
        Option<FileInfo> commandConfig = ClusterOptions.CommandConfig();
        Option<int> timeout = ClusterOptions.Timeout();
        var actions = new ActionFlags(
            ("--list", "List all consumer groups."),
            ("--describe", "Describe consumer groups: each partition's committed offset, log end offset, lag and owner."),
            ("--delete", "Delete consumer groups (they must have no active members)."),
            ("--reset-offsets", "Reset the committed offsets of an inactive group; a dry run unless --execute."));
        var group = new Option<string[]>("--group")
        {
            HelpName = "GROUP",
            Description = "The consumer group; --describe and --delete take it more than once.",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var topic = new Option<string[]>("--topic")
        {
            HelpName = "TOPIC[:P,...]",
            Description = "With --reset-offsets: the topic whose offsets to reset, all its partitions or those listed.",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var allTopics = new Option<bool>("--all-topics") { Description = "With --reset-offsets: every topic the group committed offsets for." };
        var toEarliest = new Option<bool>("--to-earliest") { Description = "Reset to the earliest offset." };
        var toLatest = new Option<bool>("--to-latest") { Description = "Reset to the latest offset (the log end)." };
        var toOffset = new Option<long?>("--to-offset") { HelpName = "N", Description = "Reset to offset N (moved into the partition's range)." };
        var shiftBy = new Option<long?>("--shift-by") { HelpName = "N", Description = "Move the committed offset by N (negative goes back)." };
        var execute = new Option<bool>("--execute") { Description = "Commit the new offsets." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only print the new offsets (the default)." };
        var offsets = new Option<bool>("--offsets") { Description = "With --describe: each partition's committed offset, log end offset, lag and owner (the default)." };
        var members = new Option<bool>("--members") { Description = "With --describe: the members, with their partition counts." };
        var state = new Option<string?>("--state")
        {
            HelpName = "STATES",
            Arity = ArgumentArity.ZeroOrOne,
            Description = "With --describe: the group's coordinator, assignor, state and member count. With --list: each group's state, or only the groups in STATES (comma separated).",
        };
        var type = new Option<string?>("--type")
        {
            HelpName = "TYPES",
            Arity = ArgumentArity.ZeroOrOne,
            Description = "With --list: each group's type (classic or consumer), or only the groups of TYPES (comma separated).",
        };
        var verbose = new Option<bool>("--verbose") { Description = "With --describe: --offsets adds each committed leader epoch; --members each member's epoch and assignment and its target; --state the group epoch and target assignment epoch." };
        Option[] scenarios = [toEarliest, toLatest, toOffset, shiftBy];

        var command = new Command("groups", "List, describe, reset the offsets of and delete consumer groups, as kafka-consumer-groups.sh does.")
        {
            bootstrapServer, commandConfig, timeout, group, topic, allTopics, toEarliest, toLatest, toOffset, shiftBy, execute, dryRun, offsets, members, state, type, verbose,
        };
        actions.AddTo(command);
        actions.Require(command, group, ["--describe", "--delete", "--reset-offsets"]);
        foreach (Option option in (Option[])[topic, allTopics, execute, dryRun, .. scenarios])
        {
            actions.Allow(command, option, "--reset-offsets");
        }

        foreach (Option option in (Option[])[offsets, members, verbose])
        {
            actions.Allow(command, option, "--describe");
        }

        actions.Allow(command, state, "--describe", "--list");
        actions.Allow(command, type, "--list");
        command.Validators.Add(result =>
        {
            bool stateGiven = result.GetResult(state) is { Implicit: false };
            if (!result.GetValue(actions.Options[1]))
            {
                return;
            }

            if (new[] { result.GetValue(offsets), result.GetValue(members), stateGiven }.Count(v => v) > 1)
            {
                result.AddError("Option --describe takes at most one of these options: --members, --offsets, --state");
            }

            if (stateGiven && result.GetValue(state) is not null)
            {
                result.AddError("Option --describe does not take a value for --state");
            }
        });

        command.Validators.Add(result =>
        {
            if (!result.GetValue(actions.Options[3]))
            {
                return;
            }

            if (scenarios.Count(s => result.GetResult(s) is { Implicit: false }) != 1)
            {
                result.AddError($"--reset-offsets takes exactly one of {string.Join(", ", Scenarios)}.");
            }

            if ((result.GetResult(topic) is { Implicit: false }) == result.GetValue(allTopics))
            {
                result.AddError("One of the reset scopes should be defined: --all-topics, --topic.");
            }

            if (result.GetValue(execute) && result.GetValue(dryRun))
            {
                result.AddError("Option --execute cannot be used with --dry-run.");
            }

            if (result.GetValue(group) is { Length: > 1 })
            {
                result.AddError("--reset-offsets takes one --group.");
            }
        });

        command.SetAction((parse, cancellationToken) => ToolErrors.RunAsync(cancellationToken, async token =>
        {
            AdminClientOptions options = await ClusterOptions.AdminAsync(
                parse.GetValue(bootstrapServer)!, parse.GetValue(commandConfig), parse.GetValue(timeout), token).ConfigureAwait(false);
            var service = new GroupService(options, Console.Out, Console.Error);
            await using (service.ConfigureAwait(false))
            {
                string[] groups = parse.GetValue(group) ?? [];
                bool stateGiven = parse.GetResult(state) is { Implicit: false }, typeGiven = parse.GetResult(type) is { Implicit: false };
                switch (actions.Chosen(parse))
                {
                    case "--list" when stateGiven || typeGiven:
                        await service.ListAsync(
                            stateGiven ? GroupFilters.States(parse.GetValue(state)) : null,
                            typeGiven ? GroupFilters.Types(parse.GetValue(type)) : null,
                            token).ConfigureAwait(false);
                        break;
                    case "--list":
                        await service.ListAsync(token).ConfigureAwait(false);
                        break;
                    case "--describe" when parse.GetValue(members):
                        await service.DescribeMembersAsync(groups, parse.GetValue(verbose), token).ConfigureAwait(false);
                        break;
                    case "--describe" when stateGiven:
                        await service.DescribeStateAsync(groups, parse.GetValue(verbose), token).ConfigureAwait(false);
                        break;
                    case "--describe":
                        await service.DescribeAsync(groups, parse.GetValue(verbose), token).ConfigureAwait(false);
                        break;
                    case "--delete":
                        await service.DeleteAsync(groups, token).ConfigureAwait(false);
                        break;
                    default:
                        string scenario = Scenarios[Array.FindIndex(scenarios, s => parse.GetResult(s) is { Implicit: false })];
                        long value = parse.GetValue(toOffset) ?? parse.GetValue(shiftBy) ?? 0;
                        bool run = parse.GetValue(execute);
                        await service.ResetOffsetsAsync(groups[0], OffsetReset.Create(parse.GetValue(topic) ?? [], scenario, value), run, token).ConfigureAwait(false);
                        if (!run && !parse.GetValue(dryRun))
                        {
                            await Console.Error.WriteLineAsync("WARN: No action was performed as the --execute option is missing. Add --dry-run to say so explicitly, or --execute to commit the new offsets.").ConfigureAwait(false);
                        }
                        break;
                }
            }

            return 0;
        }));
        return command;
    }
}
