using System.Runtime.InteropServices;
using Kafka.Client.Protocol;
using Kafka.Client.Testing;

namespace Kafka.Client.Packaging.Tests;

/// <summary>
/// tests/Kafka.Client.AotApp published with NativeAOT: no trim or AOT warning anywhere in the client, the broker
/// or their dependencies, and the native binary produces to a cluster, reads it back in a group and checks the lag with the admin client.
/// </summary>
[NonParallelizable]
public sealed class NativeAotTests
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);
    private static readonly string[] Codecs = ["none", "gzip", "snappy", "lz4", "zstd"];

    [Test]
    [CancelAfter(12 * 60 * 1000)]
    public async Task The_client_compiles_with_NativeAOT_without_warnings_and_runs_natively(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            Assert.Ignore("The NativeAOT test publishes for linux-x64.");
        }

        DirectoryInfo output = Directory.CreateTempSubdirectory("kafka-aot-");
        try
        {
            ToolResult publish = await Dotnet.RunAsync(
                ["publish", Path.Combine("tests", "Kafka.Client.AotApp", "Kafka.Client.AotApp.csproj"),
                 "-r", "linux-x64", "-c", "Release", "-p:PublishAot=true", "-o", output.FullName,
                 "--artifacts-path", Repository.ArtifactsFor("aot"), "-m:1", "-nodeReuse:false"],
                Repository.Root, PublishTimeout, cancellationToken);
            Assert.That(publish.ExitCode, Is.Zero,
                $"NativeAOT on Linux needs clang and zlib1g-dev (`apt-get install -y clang zlib1g-dev`; .ci/run installs them). {publish}");
            Assert.That(BuildDiagnostics.TrimOrAot(publish.AllOutput), Is.Empty, publish.ToString());
            Assert.That(BuildDiagnostics.Warnings(publish.AllOutput), Is.Empty, publish.ToString());

            string binary = Path.Combine(output.FullName, "Kafka.Client.AotApp");
            Assert.That(File.Exists(binary), $"{binary}: {publish}");
            Assert.That(File.ReadAllBytes(binary)[..4], Is.EqualTo(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }), "a native executable");
            Assert.That(Directory.GetFiles(output.FullName, "*.dll"), Is.Empty, "nothing left for a JIT to load");
            TestContext.Out.WriteLine($"NativeAOT binary: {new FileInfo(binary).Length / (1024.0 * 1024.0):F1} MiB");

            await using (EmbeddedKafkaCluster cluster = await EmbeddedKafkaCluster.StartAsync(
                new EmbeddedKafkaClusterOptions { Brokers = 3, DefaultReplicationFactor = 3 }, cancellationToken))
            {
                ToolResult run = await ToolProcess.RunAsync(binary, ["--bootstrap-server", cluster.BootstrapServers], timeout: RunTimeout, cancellationToken: cancellationToken);
                Assert.That(run.ExitCode, Is.Zero, run.ToString());
                Assert.That(run.Output, Does.Contain("all passed"));
                Assert.That(run.Output, Does.Contain("hosting: 50 handled from aot-hosting-"), "Kafka.Client.Extensions.Hosting runs natively");

                foreach (string codec in Codecs)
                {
                    List<StoredRecord> stored = StoredRecord.ReadAll(cluster, $"aot-{codec}", partitions: 1);
                    Assert.That(stored.Select(r => r.Value), Is.EqualTo(Enumerable.Range(0, 200).Select(i => $"{codec} {i}")), codec);
                    Assert.That(stored.Select(r => r.Codec).Distinct(), Is.EqualTo(new[] { Enum.Parse<CompressionCodec>(codec, ignoreCase: true) }), codec);
                    Assert.That(run.Output, Does.Contain($"consume {codec}: 200 read from aot-{codec} in group aot-readers-{codec}, lag 0"));
                    Assert.That(cluster.CommittedOffset($"aot-readers-{codec}", $"aot-{codec}", 0), Is.EqualTo(200), codec);
                }
            }

            // With no bootstrap server the binary starts an embedded cluster of its own: the broker runs natively too.
            ToolResult alone = await ToolProcess.RunAsync(binary, [], timeout: RunTimeout, cancellationToken: cancellationToken);
            Assert.That(alone.ExitCode, Is.Zero, alone.ToString());
            Assert.That(alone.Output, Does.Contain("embedded cluster: 127.0.0.1:").And.Contain("all passed"));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
