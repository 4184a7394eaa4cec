using System.Diagnostics;
using System.Globalization;

namespace Kafka.Client.Benchmarks.EndToEnd;

/// <summary>`kafka broker` in its own process, with its CPU time read from /proc.</summary>
internal sealed class BrokerProcess : IDisposable
{
    private readonly Process _process;

    private BrokerProcess(Process process, string bootstrapServers)
    {
        _process = process;
        BootstrapServers = bootstrapServers;
    }

    public string BootstrapServers { get; }

    /// <summary>Starts <c>kafka broker --brokers N</c> with a PLAINTEXT listener, or the listener of <paramref name="security"/>.</summary>
    public static BrokerProcess Start(int brokers, string? dataDirectory = null, Security? security = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kafka.dll"));
        IEnumerable<string> listener = security?.BrokerArguments() ?? ["--port", "0"];
        foreach (string argument in (string[])["broker", "--brokers", brokers.ToString(CultureInfo.InvariantCulture), .. listener, "--quiet"])
        {
            start.ArgumentList.Add(argument);
        }

        if (dataDirectory is not null)
        {
            start.ArgumentList.Add("--data-dir");
            start.ArgumentList.Add(dataDirectory);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start kafka broker.");
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("broker: " + e.Data); } };
        process.BeginErrorReadLine();
        // With a --listener the broker prints "PROTO bootstrap.servers=..." per listener, then "bootstrap.servers=" with the first one's.
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith("bootstrap.servers=", StringComparison.Ordinal))
            {
                return new BrokerProcess(process, line["bootstrap.servers=".Length..]);
            }
        }

        throw new InvalidOperationException("kafka broker exited before it was ready.");
    }

    /// <summary>User + system CPU time of the broker process so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Resident memory of the broker process.</summary>
    public long WorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
