namespace Kafka.Client.AotApp;

/// <summary>One thing the program does with the client against a cluster; the program runs each in turn.</summary>
internal interface IScenario
{
    /// <summary>The name printed before each result line.</summary>
    string Name { get; }

    /// <summary>Runs against <paramref name="bootstrapServers"/>, writes one line per result, and says whether all went right.</summary>
    Task<bool> RunAsync(string bootstrapServers, TextWriter output, CancellationToken cancellationToken);
}
