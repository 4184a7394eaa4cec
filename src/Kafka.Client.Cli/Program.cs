using System.CommandLine;
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
        };

        try
        {
            // The commands handle SIGINT/SIGTERM themselves (a broker must flush its data directory before it exits).
            var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
            return await root.Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
    }
}
