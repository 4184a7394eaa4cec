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
            case "e2e":
                // The end-to-end runner (this client vs Confluent.Kafka on one broker) comes with the client.
                Console.Error.WriteLine("The e2e mode needs Kafka.Client's producer and consumer, which are not built yet.");
                return 2;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
