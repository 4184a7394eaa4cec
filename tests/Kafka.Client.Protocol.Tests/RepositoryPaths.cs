namespace Kafka.Client.Protocol.Tests;

/// <summary>Finds the repository root and Kafka's message definitions beside it.</summary>
internal static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Client.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Client.sln not found above the test directory.");
        }
    }

    /// <summary>
    /// Kafka's JSON message definitions: <c>KAFKA_PROTOCOL_SPEC</c> when set, else <c>../shared/kafka-protocol</c>
    /// beside the checkout (where CI and developers have it).
    /// </summary>
    public static string Spec =>
        Environment.GetEnvironmentVariable("KAFKA_PROTOCOL_SPEC") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "kafka-protocol"));
}
