namespace Kafka.Client.Protocol.Generator.Spec;

/// <summary>One field of a message or struct, as the JSON describes it.</summary>
public sealed class FieldSpec
{
    public required string Name { get; init; }

    /// <summary>The C# property name (the JSON name unless it collides with its class).</summary>
    public required string PropertyName { get; set; }

    /// <summary>The JSON type: "int32", "string", "[]int32", "[]TopicData", "LeaderIdAndEpoch"...</summary>
    public required string Type { get; init; }

    public required Versions Versions { get; init; }

    public required Versions NullableVersions { get; init; }

    public required Versions TaggedVersions { get; init; }

    public int? Tag { get; init; }

    /// <summary>Versions in which strings, bytes and arrays of this field use compact encodings.</summary>
    public Versions? FlexibleVersionsOverride { get; init; }

    public string? Default { get; init; }

    public bool Ignorable { get; init; }

    public string? About { get; init; }

    /// <summary>The struct this field holds (directly or as array elements), once resolved.</summary>
    public StructSpec? Struct { get; set; }

    public bool IsArray => Type.StartsWith("[]", StringComparison.Ordinal);

    /// <summary>The element type of an array, or the type itself.</summary>
    public string ElementType => IsArray ? Type[2..] : Type;

    public bool IsStruct => Struct is not null;

    public bool IsNullableAnywhere => !NullableVersions.IsEmpty;

    public bool IsTaggedAnywhere => !TaggedVersions.IsEmpty;
}
