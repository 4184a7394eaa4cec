using System.CommandLine;
using Kafka.Client.Cli.Options;
using Kafka.Client.Cli.Records;

namespace Kafka.Client.Cli.Commands;

/// <summary>
/// <c>kafka records --delete --offset-json-file FILE</c>: Kafka's <c>kafka-delete-records.sh</c> (DeleteRecordsCommand).
/// Deletes the records of partitions before the offsets the file gives, and prints each partition's new low watermark.
/// </summary>
internal static class RecordsCommand
{
    public static Command Create()
    {
        Option<string> bootstrapServer = ClusterOptions.BootstrapServer();
        Option<FileInfo> commandConfig = ClusterOptions.CommandConfig();
        Option<int> timeout = ClusterOptions.Timeout();
        var actions = new ActionFlags(("--delete", "Delete the records of partitions before the offsets of --offset-json-file."));
        var offsetJsonFile = new Option<FileInfo>("--offset-json-file")
        {
            HelpName = "FILE",
            Description = """The JSON file with offset per partition: {"partitions":[{"topic":"foo","partition":1,"offset":1}],"version":1}; offset -1 means the high watermark (delete everything).""",
        }.AcceptExistingOnly();

        var command = new Command("records", "Delete the records of partitions before given offsets, as kafka-delete-records.sh does.")
        {
            bootstrapServer, commandConfig, timeout, offsetJsonFile,
        };
        actions.AddTo(command);
        actions.Require(command, offsetJsonFile, ["--delete"]);

        command.SetAction((parse, cancellationToken) => ToolErrors.RunAsync(cancellationToken, async token =>
        {
            string json = await File.ReadAllTextAsync(parse.GetValue(offsetJsonFile)!.FullName, token).ConfigureAwait(false);
            List<TopicPartitionOffset> offsets = OffsetJsonFile.Parse(json);
            AdminClientOptions options = await ClusterOptions.AdminAsync(parse.GetValue(bootstrapServer)!, parse.GetValue(commandConfig), parse.GetValue(timeout), token).ConfigureAwait(false);
            var deleter = new RecordDeleter(options, Console.Out);
            await using (deleter.ConfigureAwait(false))
            {
                await deleter.DeleteAsync(offsets, token).ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }
}
