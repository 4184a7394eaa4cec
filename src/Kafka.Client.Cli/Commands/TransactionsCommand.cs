using System.CommandLine;
using Kafka.Client.Cli.Options;
using Kafka.Client.Cli.Transactions;

namespace Kafka.Client.Cli.Commands;

/// <summary><c>kafka transactions</c>: Kafka's <c>kafka-transactions.sh</c> list and describe (<c>--list</c>, <c>--describe --transactional-id ID</c>).</summary>
internal static class TransactionsCommand
{
    public static Command Create()
    {
        Option<string> bootstrapServer = ClusterOptions.BootstrapServer();
        Option<FileInfo> commandConfig = ClusterOptions.CommandConfig();
        Option<int> timeout = ClusterOptions.Timeout();
        var actions = new ActionFlags(
            ("--list", "List the transactional ids of the cluster with their producer id and state."),
            ("--describe", "Describe a transactional id: producer id and epoch, state, timeout, open partitions."));
        var transactionalId = new Option<string?>("--transactional-id") { HelpName = "ID", Description = "With --describe: the transactional id." };
        var command = new Command("transactions", "List and describe transactions, as kafka-transactions.sh does.")
        {
            bootstrapServer, commandConfig, timeout, transactionalId,
        };
        actions.AddTo(command);
        actions.Require(command, transactionalId, ["--describe"]);
        command.SetAction((parse, cancellationToken) => ToolErrors.RunAsync(cancellationToken, async token =>
        {
            AdminClientOptions options = await ClusterOptions.AdminAsync(parse.GetValue(bootstrapServer)!, parse.GetValue(commandConfig), parse.GetValue(timeout), token).ConfigureAwait(false);
            var service = new TransactionService(options, Console.Out);
            await using (service.ConfigureAwait(false))
            {
                if (actions.Chosen(parse) == "--list")
                {
                    await service.ListAsync(token).ConfigureAwait(false);
                }
                else
                {
                    await service.DescribeAsync(parse.GetValue(transactionalId)!, token).ConfigureAwait(false);
                }
            }

            return 0;
        }));
        return command;
    }
}
