using System.Buffers.Binary;
using System.Text;
using Kafka.Client.Serialization;

namespace Kafka.Client;

/// <summary>
/// The built-in deserializers, reading what <see cref="Serializers"/> (and Confluent.Kafka's and the Java client's
/// serializers) write. Numbers are big-endian; like Confluent.Kafka's, number deserializers reject null data with
/// <see cref="ArgumentNullException"/> and a wrong length with <see cref="ArgumentException"/>.
/// </summary>
public static class Deserializers
{
    /// <summary>UTF-8 text; null for null data.</summary>
    public static IDeserializer<string?> Utf8 { get; } = new Utf8Deserializer();

    /// <summary>A copy of the bytes; null for null data.</summary>
    public static IDeserializer<byte[]?> ByteArray { get; } = new ByteArrayDeserializer();

    /// <summary>A copy of the bytes (the input is only valid during the call); empty for null data.</summary>
    public static IDeserializer<ReadOnlyMemory<byte>> ReadOnlyMemory { get; } = new ReadOnlyMemoryDeserializer();

    /// <summary>4 bytes, big-endian.</summary>
    public static IDeserializer<int> Int32 { get; } = new Int32Deserializer();

    /// <summary>8 bytes, big-endian.</summary>
    public static IDeserializer<long> Int64 { get; } = new Int64Deserializer();

    /// <summary>IEEE 754 single precision, 4 bytes, big-endian.</summary>
    public static IDeserializer<float> Single { get; } = new SingleDeserializer();

    /// <summary>IEEE 754 double precision, 8 bytes, big-endian.</summary>
    public static IDeserializer<double> Double { get; } = new DoubleDeserializer();

    /// <summary>For keys or values that are always null: returns null, and throws <see cref="ArgumentException"/> for data that is not null.</summary>
    public static IDeserializer<Null?> Null { get; } = new NullDeserializer();

    /// <summary>Skips the data and returns null, for keys or values the application does not read.</summary>
    public static IDeserializer<Ignore?> Ignore { get; } = new IgnoreDeserializer();

    /// <summary>The built-in deserializer for <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">
    /// string, byte[], ReadOnlyMemory&lt;byte&gt;, int, long, float, double, <see cref="Kafka.Client.Null"/> or
    /// <see cref="Kafka.Client.Ignore"/>.
    /// </typeparam>
    /// <exception cref="InvalidOperationException">There is no built-in deserializer for <typeparamref name="T"/>; the message names it.</exception>
    public static IDeserializer<T> GetDefault<T>()
    {
        object? deserializer =
            typeof(T) == typeof(string) ? Utf8
            : typeof(T) == typeof(byte[]) ? ByteArray
            : typeof(T) == typeof(ReadOnlyMemory<byte>) ? ReadOnlyMemory
            : typeof(T) == typeof(int) ? Int32
            : typeof(T) == typeof(long) ? Int64
            : typeof(T) == typeof(float) ? Single
            : typeof(T) == typeof(double) ? Double
            : typeof(T) == typeof(Null) ? Null
            : typeof(T) == typeof(Ignore) ? Ignore
            : null;
        return deserializer as IDeserializer<T>
            ?? throw new InvalidOperationException($"There is no built-in deserializer for {typeof(T)}; set one for the consumer.");
    }

    private static ReadOnlySpan<byte> Fixed(ReadOnlySpan<byte> data, bool isNull, int size, string type)
    {
        if (isNull)
        {
            throw new ArgumentNullException(nameof(data), $"Null data encountered deserializing {type} value.");
        }

        if (data.Length != size)
        {
            throw new ArgumentException($"Deserializer<{type}> encountered data of length {data.Length}. Expecting data length to be {size}.", nameof(data));
        }

        return data;
    }

    private sealed class Utf8Deserializer : IDeserializer<string?>
    {
        public string? Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
            isNull ? null : Encoding.UTF8.GetString(data);
    }

    private sealed class ByteArrayDeserializer : IDeserializer<byte[]?>
    {
        public byte[]? Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
            isNull ? null : data.ToArray();
    }

    private sealed class ReadOnlyMemoryDeserializer : IDeserializer<ReadOnlyMemory<byte>>, IMemoryDeserializer<ReadOnlyMemory<byte>>
    {
        public ReadOnlyMemory<byte> Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
            data.IsEmpty ? ReadOnlyMemory<byte>.Empty : data.ToArray();

        public ReadOnlyMemory<byte> Deserialize(ReadOnlyMemory<byte> data, bool isNull, SerializationContext context) => data;
    }

    private sealed class Int32Deserializer : IDeserializer<int>
    {
        public int Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
            BinaryPrimitives.ReadInt32BigEndian(Fixed(data, isNull, sizeof(int), "Int32"));
    }

    private sealed class Int64Deserializer : IDeserializer<long>
    {
        public long Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
            BinaryPrimitives.ReadInt64BigEndian(Fixed(data, isNull, sizeof(long), "Int64"));
    }

    private sealed class SingleDeserializer : IDeserializer<float>
    {
        public float Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
            BinaryPrimitives.ReadSingleBigEndian(Fixed(data, isNull, sizeof(float), "Single"));
    }

    private sealed class DoubleDeserializer : IDeserializer<double>
    {
        public double Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
            BinaryPrimitives.ReadDoubleBigEndian(Fixed(data, isNull, sizeof(double), "Double"));
    }

    private sealed class NullDeserializer : IDeserializer<Null?>
    {
        public Null? Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
            isNull ? null : throw new ArgumentException("Deserializer<Null> may only be used to deserialize data that is null.", nameof(data));
    }

    private sealed class IgnoreDeserializer : IDeserializer<Ignore?>
    {
        public Ignore? Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) => null;
    }
}
