using System.Buffers;

namespace Kafka.Client;

/// <summary>Writes keys or values of type <typeparamref name="T"/> as bytes.</summary>
/// <typeparam name="T">The type serialized.</typeparam>
/// <remarks>
/// Unlike Confluent.Kafka's <c>ISerializer</c>, which returns a new <c>byte[]</c> per message, this writes into the
/// producer's buffer. The producer never passes a null reference: a null key or value is sent as null without
/// calling the serializer. Implementations are called concurrently and should be thread-safe.
/// </remarks>
public interface ISerializer<in T>
{
    /// <summary>Writes <paramref name="data"/> to <paramref name="output"/>.</summary>
    /// <param name="data">The key or value; never a null reference.</param>
    /// <param name="output">Where to write; get space with <c>GetSpan</c>, then <c>Advance</c> by the bytes written.</param>
    /// <param name="context">Key or value, topic and headers.</param>
    void Serialize(T data, IBufferWriter<byte> output, SerializationContext context);
}
