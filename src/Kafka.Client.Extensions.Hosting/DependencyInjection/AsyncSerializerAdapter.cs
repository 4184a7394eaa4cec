using System.Buffers;

namespace Kafka.Client.DependencyInjection;

/// <summary>A synchronous serializer used where the producer takes asynchronous ones (the other side registered an <see cref="IAsyncSerializer{T}"/>).</summary>
/// <typeparam name="T">The serialized type.</typeparam>
internal sealed class AsyncSerializerAdapter<T>(ISerializer<T> serializer) : IAsyncSerializer<T>
{
    /// <inheritdoc />
    public ValueTask SerializeAsync(T data, IBufferWriter<byte> output, SerializationContext context, CancellationToken cancellationToken)
    {
        serializer.Serialize(data, output, context);
        return ValueTask.CompletedTask;
    }
}
