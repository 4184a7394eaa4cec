namespace Kafka.Client;

/// <summary>Reads keys or values of type <typeparamref name="T"/> from bytes.</summary>
/// <typeparam name="T">The type deserialized.</typeparam>
/// <remarks>
/// The same shape as Confluent.Kafka's <c>IDeserializer</c>. The bytes are only valid during the call: copy what
/// you keep. Implementations are called concurrently and should be thread-safe.
/// </remarks>
public interface IDeserializer<out T>
{
    /// <summary>Reads a key or value.</summary>
    /// <param name="data">The bytes; empty when <paramref name="isNull"/>.</param>
    /// <param name="isNull">True when the key or value is null (as opposed to empty).</param>
    /// <param name="context">Key or value, topic and headers.</param>
    /// <returns>The key or value; for reference types usually null when <paramref name="isNull"/>.</returns>
    T Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context);
}
