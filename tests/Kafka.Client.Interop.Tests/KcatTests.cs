namespace Interop.Tests;

/// <summary>kcat (librdkafka's command-line client) against `kafka broker` running as its own process.</summary>
public class KcatTests
{
    private static async Task<(int ExitCode, string Output, string Error)> KcatAsync(string input, params string[] arguments)
    {
        ToolResult result = await ToolProcess.RunAsync("kcat", arguments, input, missingHint: "`apt-get install -y kcat` (.ci/run does this)");
        return (result.ExitCode, result.Output, result.Error);
    }

    [Test]
    public async Task Kcat_lists_metadata_produces_and_consumes_against_kafka_broker()
    {
        await using var broker = await BrokerProcess.StartAsync("--brokers", "3", "--port", "0", "--quiet");

        var (listCode, listing, _) = await KcatAsync("", "-b", broker.BootstrapServers, "-L");
        Assert.That(listCode, Is.Zero);
        Assert.That(listing, Does.Contain("3 brokers:"));

        string lines = string.Join("\n", Enumerable.Range(0, 50).Select(i => $"k{i}:message {i}")) + "\n";
        var (produceCode, _, produceError) = await KcatAsync(lines, "-b", broker.BootstrapServers, "-P", "-t", "kcat-topic", "-K:");
        Assert.That(produceCode, Is.Zero, produceError);

        var (consumeCode, consumed, consumeError) = await KcatAsync("", "-b", broker.BootstrapServers, "-C", "-t", "kcat-topic", "-e", "-f", "%k=%s\n");
        Assert.That(consumeCode, Is.Zero, consumeError);
        Assert.That(consumed.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(Enumerable.Range(0, 50).Select(i => $"k{i}=message {i}")));

        Assert.That(await broker.StopAsync(), Is.Zero, "kafka broker exits with 0 on SIGTERM");
    }
}
