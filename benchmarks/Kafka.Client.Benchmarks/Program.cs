using BenchmarkDotNet.Running;

namespace Kafka.Client.Benchmarks;

/// <summary>
/// Entry point. Codec micro-benchmarks run through BenchmarkDotNet's switcher
/// (<c>dotnet run -c Release -- --filter '*RecordBatch*'</c>). Other modes are chosen by the first argument.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string mode = args.Length > 0 ? args[0] : "";
        switch (mode)
        {
            case "broker":
                return EndToEnd.BrokerFigures.RunAsync(args[1..]).GetAwaiter().GetResult();
            case "e2e" when args.Length > 1 && args[1] == "produce":
                return EndToEnd.ProduceComparison.RunAsync(args[2..]).GetAwaiter().GetResult();
            case "e2e" when args.Length > 1 && args[1] == "consume":
                return EndToEnd.ConsumeComparison.RunAsync(args[2..]).GetAwaiter().GetResult();
            case "e2e" when args.Length > 1 && args[1] == "rebalance":
                return EndToEnd.GroupSettle.RunAsync(args[2..]).GetAwaiter().GetResult();
            case "e2e":
                Console.Error.WriteLine("Usage: e2e produce [--messages N] [--brokers N] [--security PLAINTEXT|SSL|SASL_SSL] [--transactional [--transaction-size N]] | e2e consume [--messages N] [--brokers N] [--security PLAINTEXT|SSL|SASL_SSL] [--mock] [--fetch-queue-backoff-ms N] | e2e rebalance [--members N] [--partitions N] [--heartbeat-interval-ms N].");
                return 2;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
