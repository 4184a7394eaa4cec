namespace Interop.Tests;

/// <summary>`kafka broker` started as a separate process, as a user runs it.</summary>
internal sealed class BrokerProcess : IAsyncDisposable
{
    private const string Ready = "bootstrap.servers=";

    private readonly RunningProcess _process;

    private BrokerProcess(RunningProcess process, string bootstrapServers)
    {
        _process = process;
        BootstrapServers = bootstrapServers;
    }

    public string BootstrapServers { get; }

    public int ExitCode => _process.ExitCode;

    /// <summary>The lines it logged to stderr so far.</summary>
    public IReadOnlyCollection<string> ErrorOutput => _process.ErrorOutput;

    /// <summary>The bootstrap servers of one listener, from the <c>PROTOCOL bootstrap.servers=...</c> line printed before the ready line.</summary>
    public string BootstrapServersFor(string protocol) =>
        _process.Output.First(l => l.StartsWith(protocol + " " + Ready, StringComparison.Ordinal))[(protocol.Length + 1 + Ready.Length)..];

    public static async Task<BrokerProcess> StartAsync(params string[] arguments)
    {
        RunningProcess process = RunningProcess.Start([KafkaTool.Dll, "broker", .. arguments]);
        try
        {
            string line = await process.WaitForLineAsync(l => l.StartsWith(Ready, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
            return new BrokerProcess(process, line[Ready.Length..]);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends SIGTERM and waits for a clean exit.</summary>
    public Task<int> StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(20));

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
