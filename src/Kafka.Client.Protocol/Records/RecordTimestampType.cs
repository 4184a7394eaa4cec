namespace Kafka.Client.Protocol;

/// <summary>What a record's timestamp means (bit 3 of a batch's attributes).</summary>
public enum RecordTimestampType : sbyte
{
    /// <summary>Magic 0 messages have no timestamp (it reads as -1).</summary>
    NotAvailable = -1,

    /// <summary>The producer's time (attribute bit 3 clear).</summary>
    CreateTime = 0,

    /// <summary>The broker's time when it appended the batch; every record's timestamp is the batch's MaxTimestamp.</summary>
    LogAppendTime = 1,
}
