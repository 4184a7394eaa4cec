namespace Kafka.Client.Protocol;

/// <summary>Byte offsets and attribute bits of record batch v2 and legacy messages (see NOTES.md).</summary>
internal static class RecordBatchLayout
{
    public const string MessageName = "RecordBatch";

    // Shared by all magics: Offset/BaseOffset int64, Length/Size int32, then the magic at 16.
    public const int BaseOffset = 0;
    public const int Length = 8;
    public const int LogOverhead = 12;
    public const int Magic = 16;

    // Magic 2.
    public const int PartitionLeaderEpoch = 12;
    public const int Crc = 17;
    public const int Attributes = 21;
    public const int LastOffsetDelta = 23;
    public const int BaseTimestamp = 27;
    public const int MaxTimestamp = 35;
    public const int ProducerId = 43;
    public const int ProducerEpoch = 51;
    public const int BaseSequence = 53;
    public const int RecordCount = 57;
    public const int HeaderSize = 61;
    public const int MinRecordSize = 7; // length, attributes, timestamp delta, offset delta, key, value, header count: 1 byte each

    // Magic 0 and 1: Offset | Size | CRC | Magic | Attributes | [Timestamp] | Key | Value.
    public const int LegacyCrc = 12;
    public const int LegacyAttributes = 17;
    public const int LegacyTimestamp = 18;
    public const int LegacyMinSizeV0 = 14; // CRC 4, magic 1, attributes 1, key length 4, value length 4
    public const int LegacyMinSizeV1 = 22; // plus the timestamp

    public const int CompressionMask = 0x07;
    public const int TimestampTypeFlag = 0x08;
    public const int TransactionalFlag = 0x10;
    public const int ControlFlag = 0x20;
    public const int DeleteHorizonFlag = 0x40;
}
