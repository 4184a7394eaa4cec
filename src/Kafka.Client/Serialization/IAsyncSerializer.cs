using System.Buffers;

namespace Kafka.Client;

/// <summary>Writes keys or values of type <typeparamref name="T"/> as bytes, asynchronously (e.g. after a schema registry lookup).</summary>
/// <typeparam name="T">The type serialized.</typeparam>
/// <remarks>
/// Prefer <see cref="ISerializer{T}"/> when no I/O is needed. The producer never passes a null reference, and
/// does not touch <c>output</c> until the returned task completes.
/// </remarks>
public interface IAsyncSerializer<in T>
{
    /// <summary>Writes <paramref name="data"/> to <paramref name="output"/>.</summary>
    /// <param name="data">The key or value; never a null reference.</param>
    /// <param name="output">Where to write; get space with <c>GetSpan</c>, then <c>Advance</c> by the bytes written.</param>
    /// <param name="context">Key or value, topic and headers.</param>
    /// <param name="cancellationToken">Cancels the serialization.</param>
    /// <returns>A task that completes when the bytes are written.</returns>
    ValueTask SerializeAsync(T data, IBufferWriter<byte> output, SerializationContext context, CancellationToken cancellationToken);
}
