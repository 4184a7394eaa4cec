namespace Kafka.Client.Protocol;

/// <summary>A tagged field this codec does not know, kept as read so that it is written back unchanged.</summary>
/// <param name="Tag">The field's tag number.</param>
/// <param name="Data">The field's encoded bytes.</param>
public readonly record struct RawTaggedField(int Tag, ReadOnlyMemory<byte> Data);
