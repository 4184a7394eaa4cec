namespace Kafka.Client.Protocol;

/// <summary>
/// Iterates the batches of a records blob (a Produce request's or a Fetch response's <c>records</c>), any magic.
/// </summary>
/// <remarks>
/// A blob may end with a partial batch (fetch size limits); iteration stops cleanly before it. Each batch's
/// checksum is verified as it is reached unless disabled. Nothing is copied or allocated.
/// <code>
/// foreach (RecordBatch batch in new RecordBatchReader(records))
///     foreach (Record record in batch.GetRecords())
///         Use(record.Offset, record.Key, record.Value);
/// </code>
/// </remarks>
public readonly struct RecordBatchReader
{
    private readonly ReadOnlyMemory<byte> _records;
    private readonly bool _verifyCrc;

    /// <summary>Creates a reader over <paramref name="records"/>.</summary>
    /// <param name="records">Concatenated batches, possibly ending with a partial one.</param>
    /// <param name="verifyCrc">Check each batch's CRC (Kafka's <c>check.crcs</c>, true by default).</param>
    public RecordBatchReader(ReadOnlyMemory<byte> records, bool verifyCrc = true)
    {
        _records = records;
        _verifyCrc = verifyCrc;
    }

    /// <summary>Starts the iteration.</summary>
    public RecordBatchEnumerator GetEnumerator() => new(_records, _verifyCrc);
}
