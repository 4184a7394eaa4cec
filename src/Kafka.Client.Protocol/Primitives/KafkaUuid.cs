using System.Buffers.Binary;
using System.Buffers.Text;

namespace Kafka.Client.Protocol;

/// <summary>
/// A Kafka UUID (topic ids, member ids of KIP-848): 16 bytes, written as two big-endian 64-bit halves.
/// </summary>
/// <remarks>Its text form is Kafka's: URL-safe base64 without padding (22 characters), as <c>kafka-topics.sh</c> prints it.</remarks>
public readonly record struct KafkaUuid(long MostSignificantBits, long LeastSignificantBits)
{
    /// <summary>The all-zero UUID, which Kafka uses for "no id".</summary>
    public static KafkaUuid Zero => default;

    /// <summary>True when this is <see cref="Zero"/>.</summary>
    public bool IsZero => MostSignificantBits == 0 && LeastSignificantBits == 0;

    /// <summary>Creates a random (version 4) UUID, as Kafka does for new topics.</summary>
    public static KafkaUuid NewRandom()
    {
        Span<byte> bytes = stackalloc byte[16];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return FromBytes(bytes);
    }

    /// <summary>Reads a UUID from 16 big-endian bytes.</summary>
    public static KafkaUuid FromBytes(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadInt64BigEndian(bytes), BinaryPrimitives.ReadInt64BigEndian(bytes[8..]));

    /// <summary>Writes the UUID as 16 big-endian bytes.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt64BigEndian(destination, MostSignificantBits);
        BinaryPrimitives.WriteInt64BigEndian(destination[8..], LeastSignificantBits);
    }

    /// <summary>Parses Kafka's text form (URL-safe base64, 22 characters).</summary>
    /// <exception cref="FormatException">The text is not a Kafka UUID.</exception>
    public static KafkaUuid Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> bytes = stackalloc byte[16];
        if (text.Length != 22 || Base64Url.DecodeFromChars(text, bytes) != 16)
        {
            throw new FormatException($"'{text}' is not a Kafka UUID (22 characters of URL-safe base64).");
        }

        return FromBytes(bytes);
    }

    /// <summary>Kafka's text form: URL-safe base64 without padding.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[16];
        WriteTo(bytes);
        return Base64Url.EncodeToString(bytes);
    }
}
