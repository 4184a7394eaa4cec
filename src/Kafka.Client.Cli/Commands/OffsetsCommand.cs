using System.CommandLine;
using Kafka.Client.Cli.Offsets;
using Kafka.Client.Cli.Options;

namespace Kafka.Client.Cli.Commands;

/// <summary>
/// <c>kafka offsets</c>: Kafka's <c>kafka-get-offsets.sh</c> (GetOffsetShell). Prints <c>topic:partition:offset</c> for
/// each partition of the topics matched, at <c>--time</c>: latest (the default), earliest, max-timestamp or a timestamp.
/// </summary>
internal static class OffsetsCommand
{
    public static Command Create()
    {
        Option<string> bootstrapServer = ClusterOptions.BootstrapServer();
        Option<FileInfo> commandConfig = ClusterOptions.CommandConfig();
        Option<int> timeout = ClusterOptions.Timeout();
        var topic = new Option<string?>("--topic") { HelpName = "TOPIC", Description = "The topic to get the offsets for; a regular expression is allowed. Every topic when absent. Not with --topic-partitions." };
        var partitions = new Option<string?>("--partitions") { HelpName = "0,1,...", Description = "Comma-separated partition ids; every partition when absent. Not with --topic-partitions." };
        var topicPartitions = new Option<string?>("--topic-partitions")
        {
            HelpName = "PATTERNS",
            Description = "Comma-separated TOPIC_REGEX:PARTITIONS patterns, e.g. topic1:1,topic2:0-3,topic3,topic4:5-,topic5:-3 (a range's lower bound inclusive, upper exclusive; no partitions means all).",
        };
        var time = new Option<string>("--time")
        {
            HelpName = "TIME",
            Description = "-1 or latest (the default), -2 or earliest, -3 or max-timestamp, or a timestamp in ms (the first offset at or after it; none when it is after the last record).",
            DefaultValueFactory = _ => "latest",
        };
        var excludeInternal = new Option<bool>("--exclude-internal-topics") { Description = "Leave out internal topics (included by default)." };

        var command = new Command("offsets", "Print the offsets of topic partitions (topic:partition:offset), as kafka-get-offsets.sh does.")
        {
            bootstrapServer, commandConfig, timeout, topic, partitions, topicPartitions, time, excludeInternal,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(topicPartitions) is not null && (result.GetResult(topic) is not null || result.GetResult(partitions) is not null))
            {
                result.AddError("--topic-partitions cannot be used with --topic or --partitions");
            }
        });

        command.SetAction((parse, cancellationToken) => ToolErrors.RunAsync(cancellationToken, async token =>
        {
            OffsetSpec spec = OffsetTime.Parse(parse.GetValue(time)!);
            TopicPartitionFilter filter = parse.GetValue(topicPartitions) is { } patterns
                ? TopicPartitionFilter.FromPatternList(patterns)
                : TopicPartitionFilter.FromTopicAndPartitions(parse.GetValue(topic), parse.GetValue(partitions));
            AdminClientOptions options = await ClusterOptions.AdminAsync(parse.GetValue(bootstrapServer)!, parse.GetValue(commandConfig), parse.GetValue(timeout), token).ConfigureAwait(false);
            var service = new OffsetService(options, Console.Out, Console.Error);
            await using (service.ConfigureAwait(false))
            {
                await service.PrintAsync(filter, spec, parse.GetValue(excludeInternal), token).ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }
}
