namespace Kafka.Client.Protocol.Generator.Spec;

/// <summary>One JSON file: a request, response, header or data schema.</summary>
public sealed class MessageSpec
{
    public required string Name { get; init; }

    /// <summary>"request", "response", "header" or "data".</summary>
    public required string Kind { get; init; }

    public short? ApiKey { get; init; }

    public required Versions ValidVersions { get; init; }

    public required Versions FlexibleVersions { get; init; }

    public bool LatestVersionUnstable { get; init; }

    public IReadOnlyList<string> Listeners { get; init; } = [];

    public required StructSpec Root { get; init; }

    /// <summary>Every struct other than the root, nested or common, in order of appearance.</summary>
    public required List<StructSpec> Structs { get; init; }

    public string FileName { get; init; } = "";
}
