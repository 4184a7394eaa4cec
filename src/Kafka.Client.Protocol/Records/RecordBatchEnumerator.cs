using System.Buffers.Binary;
using L = Kafka.Client.Protocol.RecordBatchLayout;

namespace Kafka.Client.Protocol;

/// <summary>Walks the batches of a records blob; see <see cref="RecordBatchReader"/>.</summary>
public struct RecordBatchEnumerator
{
    private readonly ReadOnlyMemory<byte> _records;
    private readonly bool _verifyCrc;
    private int _position;

    internal RecordBatchEnumerator(ReadOnlyMemory<byte> records, bool verifyCrc)
    {
        _records = records;
        _verifyCrc = verifyCrc;
    }

    /// <summary>The current batch.</summary>
    public RecordBatch Current { get; private set; }

    /// <summary>Bytes of the blob read as whole batches so far.</summary>
    public readonly int BytesConsumed => _position;

    /// <summary>Bytes left after the last whole batch (a partial batch at the end of a fetch), once iteration ended.</summary>
    public readonly int TruncatedBytes => _records.Length - _position;

    /// <summary>Moves to the next whole batch.</summary>
    /// <returns>False at the end of the blob or before a partial batch.</returns>
    /// <exception cref="KafkaProtocolException">A batch has an invalid size, an unknown magic or a bad CRC.</exception>
    public bool MoveNext()
    {
        ReadOnlySpan<byte> rest = _records.Span[_position..];
        if (rest.Length < L.LogOverhead)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadInt32BigEndian(rest[L.Length..]);
        if (length < L.LegacyMinSizeV0)
        {
            RecordErrors.Corrupt(-1, "Length", $"batch length {length} is smaller than any batch");
        }

        if (length > rest.Length - L.LogOverhead)
        {
            return false; // partial batch at the end of a fetch
        }

        byte magic = rest[L.Magic];
        int minimum = magic switch
        {
            0 => L.LegacyMinSizeV0,
            1 => L.LegacyMinSizeV1,
            2 => L.HeaderSize - L.LogOverhead,
            _ => -1,
        };
        if (minimum < 0)
        {
            RecordErrors.Corrupt(magic, "Magic", $"unknown magic {magic}");
        }

        if (length < minimum)
        {
            RecordErrors.Corrupt(magic, "Length", $"batch length {length} is smaller than the {minimum} bytes of a magic {magic} header");
        }

        var batch = new RecordBatch(_records.Slice(_position, L.LogOverhead + length));
        if (_verifyCrc)
        {
            batch.VerifyCrc();
        }

        Current = batch;
        _position += L.LogOverhead + length;
        return true;
    }
}
