using System.CommandLine;

namespace Kafka.Client.Cli.Commands;

/// <summary><c>kafka perf</c>: Kafka's performance tools, <c>produce</c> (kafka-producer-perf-test.sh) and <c>consume</c> (kafka-consumer-perf-test.sh).</summary>
internal static class PerfCommand
{
    public static Command Create() => new("perf", "Measure a cluster: kafka perf produce (kafka-producer-perf-test.sh), kafka perf consume (kafka-consumer-perf-test.sh).")
    {
        PerfProduceCommand.Create(),
        PerfConsumeCommand.Create(),
    };
}
