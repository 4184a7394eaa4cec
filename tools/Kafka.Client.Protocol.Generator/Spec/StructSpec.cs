namespace Kafka.Client.Protocol.Generator.Spec;

/// <summary>A struct: the fields of a message, of a nested struct, or of a common struct.</summary>
public sealed class StructSpec
{
    public required string Name { get; init; }

    /// <summary>The C# class name (the JSON name unless it collides).</summary>
    public required string ClassName { get; set; }

    public required List<FieldSpec> Fields { get; init; }

    public Versions Versions { get; init; } = Versions.All;

    public string? About { get; init; }
}
