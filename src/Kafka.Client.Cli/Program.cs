using System.CommandLine;
using System.CommandLine.Help;
using Kafka.Client.Cli.Commands;

namespace Kafka.Client.Cli;

/// <summary>The <c>kafka</c> tool: Kafka's console scripts as one .NET command.</summary>
public static class Program
{
    /// <summary>Runs the tool; returns the process exit code.</summary>
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("Kafka in pure .NET: run brokers and use Kafka's console tools.")
        {
            BrokerCommand.Create(),
            TopicsCommand.Create(),
            ProduceCommand.Create(),
            ConsumeCommand.Create(),
            GroupsCommand.Create(),
            AclsCommand.Create(),
            ConfigsCommand.Create(),
            TransactionsCommand.Create(),
            OffsetsCommand.Create(),
            RecordsCommand.Create(),
            PerfCommand.Create(),
        };

        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            // One line, as for every other error; --help has the rest.
            string command = string.Join(' ', ["kafka", .. CommandPath(parse)]);
            return await ToolErrors.ReportAsync(
                ToolErrors.Usage,
                $"{string.Join(" ", parse.Errors.Select(e => e.Message.EndsWith('.') ? e.Message : e.Message + "."))} See '{command} --help'.").ConfigureAwait(false);
        }

        try
        {
            // The commands handle SIGINT/SIGTERM themselves (a broker must flush its data directory before it exits).
            var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
            return await parse.InvokeAsync(invocation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return ToolErrors.Interrupted;
        }
    }

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new Stack<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Push(result.Command.Name);
        }

        return names;
    }
}
