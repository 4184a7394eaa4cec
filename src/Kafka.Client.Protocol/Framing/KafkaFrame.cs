using System.Buffers;
using System.Buffers.Binary;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Protocol;

/// <summary>
/// Writes and reads whole frames: an int32 size, then the request or response header, then the body.
/// </summary>
public static class KafkaFrame
{
    /// <summary>The size of the int32 length prefix.</summary>
    public const int LengthPrefixSize = 4;

    /// <summary>Writes a size-prefixed request frame.</summary>
    /// <returns>The number of bytes written, prefix included.</returns>
    public static int WriteRequest(IBufferWriter<byte> output, IKafkaRequest request, short version, int correlationId, string? clientId)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = new RequestHeader
        {
            RequestApiKey = (short)request.Api,
            RequestApiVersion = version,
            CorrelationId = correlationId,
            ClientId = clientId,
        };
        short headerVersion = KafkaApis.RequestHeaderVersion(request.Api, version);
        int size = header.GetSize(headerVersion) + request.GetSize(version);
        var writer = new KafkaWriter(output);
        writer.WriteInt32(size);
        header.Write(ref writer, headerVersion);
        request.Write(ref writer, version);
        writer.Flush();
        return size + LengthPrefixSize;
    }

    /// <summary>Writes a size-prefixed response frame.</summary>
    /// <returns>The number of bytes written, prefix included.</returns>
    public static int WriteResponse(IBufferWriter<byte> output, IKafkaResponse response, short version, int correlationId)
    {
        ArgumentNullException.ThrowIfNull(response);
        var header = new ResponseHeader { CorrelationId = correlationId };
        short headerVersion = KafkaApis.ResponseHeaderVersion(response.Api, version);
        int size = header.GetSize(headerVersion) + response.GetSize(version);
        var writer = new KafkaWriter(output);
        writer.WriteInt32(size);
        header.Write(ref writer, headerVersion);
        response.Write(ref writer, version);
        writer.Flush();
        return size + LengthPrefixSize;
    }

    /// <summary>
    /// Reads the size prefix of the next frame, if all four bytes are there.
    /// </summary>
    /// <exception cref="KafkaProtocolException">The size is negative or above <paramref name="maxFrameSize"/>.</exception>
    public static bool TryReadLength(ReadOnlySequence<byte> buffer, int maxFrameSize, out int length)
    {
        length = 0;
        if (buffer.Length < LengthPrefixSize)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[LengthPrefixSize];
        buffer.Slice(0, LengthPrefixSize).CopyTo(prefix);
        length = BinaryPrimitives.ReadInt32BigEndian(prefix);
        if (length < 0 || length > maxFrameSize)
        {
            throw new KafkaProtocolException($"Frame size {length} is outside 0..{maxFrameSize}.");
        }

        return true;
    }

    /// <summary>
    /// Reads a request header from a frame body (size prefix removed). The API key and version come first,
    /// and they decide which header version follows.
    /// </summary>
    /// <exception cref="KafkaProtocolException">The frame is too short or the header is malformed.</exception>
    public static RequestHeader ReadRequestHeader(ref KafkaReader reader)
    {
        if (reader.Remaining < 4)
        {
            throw new KafkaProtocolException("RequestHeader", -1, "RequestApiKey", $"a request needs at least 4 bytes, got {reader.Remaining}");
        }

        ReadOnlySpan<byte> peek = reader.PeekSpan(4);
        var api = (ApiKey)BinaryPrimitives.ReadInt16BigEndian(peek);
        short version = BinaryPrimitives.ReadInt16BigEndian(peek[2..]);
        short headerVersion = KafkaApis.IsKnown(api) ? KafkaApis.RequestHeaderVersion(api, version) : (short)1;
        return RequestHeader.Read(ref reader, headerVersion);
    }

    /// <summary>Reads a response header of <paramref name="api"/> at <paramref name="version"/> from a frame body.</summary>
    public static ResponseHeader ReadResponseHeader(ref KafkaReader reader, ApiKey api, short version) =>
        ResponseHeader.Read(ref reader, KafkaApis.ResponseHeaderVersion(api, version));
}
