namespace Kafka.Client.Serialization;

/// <summary>
/// A deserializer that can keep the bytes it is given: the consumer hands it memory that stays valid (a slice of
/// the fetch response) instead of a span, so <c>ReadOnlyMemory&lt;byte&gt;</c> values need no copy.
/// </summary>
internal interface IMemoryDeserializer<out T>
{
    T Deserialize(ReadOnlyMemory<byte> data, bool isNull, SerializationContext context);
}
