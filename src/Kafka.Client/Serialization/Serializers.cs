using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Kafka.Client;

/// <summary>
/// The built-in serializers. Numbers are big-endian (network order), byte for byte as Confluent.Kafka's
/// <c>Serializers</c> and the Java client's <c>IntegerSerializer</c>/<c>LongSerializer</c>/<c>DoubleSerializer</c>
/// write them, so either side can read the other's data. None allocates per call.
/// </summary>
public static class Serializers
{
    // Strings up to this many chars take GetMaxByteCount (3 bytes per char) of buffer without counting first.
    private const int ExactCountThreshold = 1024;

    /// <summary>UTF-8 text, without a byte order mark.</summary>
    public static ISerializer<string> Utf8 { get; } = new Utf8Serializer();

    /// <summary>The bytes as they are.</summary>
    public static ISerializer<byte[]> ByteArray { get; } = new ByteArraySerializer();

    /// <summary>The bytes as they are.</summary>
    public static ISerializer<ReadOnlyMemory<byte>> ReadOnlyMemory { get; } = new ReadOnlyMemorySerializer();

    /// <summary>4 bytes, big-endian.</summary>
    public static ISerializer<int> Int32 { get; } = new Int32Serializer();

    /// <summary>8 bytes, big-endian.</summary>
    public static ISerializer<long> Int64 { get; } = new Int64Serializer();

    /// <summary>IEEE 754 single precision, 4 bytes, big-endian.</summary>
    public static ISerializer<float> Single { get; } = new SingleSerializer();

    /// <summary>IEEE 754 double precision, 8 bytes, big-endian.</summary>
    public static ISerializer<double> Double { get; } = new DoubleSerializer();

    /// <summary>For <see cref="Kafka.Client.Null"/> keys or values, which are always null: writes nothing (the producer sends null without calling it).</summary>
    public static ISerializer<Null> Null { get; } = new NullSerializer();

    /// <summary>The built-in serializer for <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">string, byte[], ReadOnlyMemory&lt;byte&gt;, int, long, float, double or <see cref="Kafka.Client.Null"/>.</typeparam>
    /// <exception cref="InvalidOperationException">There is no built-in serializer for <typeparamref name="T"/>; the message names it.</exception>
    public static ISerializer<T> GetDefault<T>()
    {
        object? serializer =
            typeof(T) == typeof(string) ? Utf8
            : typeof(T) == typeof(byte[]) ? ByteArray
            : typeof(T) == typeof(ReadOnlyMemory<byte>) ? ReadOnlyMemory
            : typeof(T) == typeof(int) ? Int32
            : typeof(T) == typeof(long) ? Int64
            : typeof(T) == typeof(float) ? Single
            : typeof(T) == typeof(double) ? Double
            : typeof(T) == typeof(Null) ? Null
            : null;
        return serializer as ISerializer<T>
            ?? throw new InvalidOperationException($"There is no built-in serializer for {typeof(T)}; set one for the producer.");
    }

    private sealed class Utf8Serializer : ISerializer<string>
    {
        public void Serialize(string data, IBufferWriter<byte> output, SerializationContext context)
        {
            int size = data.Length <= ExactCountThreshold ? Encoding.UTF8.GetMaxByteCount(data.Length) : Encoding.UTF8.GetByteCount(data);
            int written = Encoding.UTF8.GetBytes(data, output.GetSpan(size));
            output.Advance(written);
        }
    }

    private sealed class ByteArraySerializer : ISerializer<byte[]>
    {
        public void Serialize(byte[] data, IBufferWriter<byte> output, SerializationContext context) => output.Write(data);
    }

    private sealed class ReadOnlyMemorySerializer : ISerializer<ReadOnlyMemory<byte>>
    {
        public void Serialize(ReadOnlyMemory<byte> data, IBufferWriter<byte> output, SerializationContext context) => output.Write(data.Span);
    }

    private sealed class Int32Serializer : ISerializer<int>
    {
        public void Serialize(int data, IBufferWriter<byte> output, SerializationContext context)
        {
            BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(sizeof(int)), data);
            output.Advance(sizeof(int));
        }
    }

    private sealed class Int64Serializer : ISerializer<long>
    {
        public void Serialize(long data, IBufferWriter<byte> output, SerializationContext context)
        {
            BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(sizeof(long)), data);
            output.Advance(sizeof(long));
        }
    }

    private sealed class SingleSerializer : ISerializer<float>
    {
        public void Serialize(float data, IBufferWriter<byte> output, SerializationContext context)
        {
            BinaryPrimitives.WriteSingleBigEndian(output.GetSpan(sizeof(float)), data);
            output.Advance(sizeof(float));
        }
    }

    private sealed class DoubleSerializer : ISerializer<double>
    {
        public void Serialize(double data, IBufferWriter<byte> output, SerializationContext context)
        {
            BinaryPrimitives.WriteDoubleBigEndian(output.GetSpan(sizeof(double)), data);
            output.Advance(sizeof(double));
        }
    }

    private sealed class NullSerializer : ISerializer<Null>
    {
        public void Serialize(Null data, IBufferWriter<byte> output, SerializationContext context)
        {
        }
    }
}
