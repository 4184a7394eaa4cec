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
            case "e2e":
                // Reserved for the end-to-end throughput runner (this client vs Confluent.Kafka on one broker).
                Console.Error.WriteLine("The e2e mode is not available yet.");
                return 2;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
