using System.Text;

namespace Kafka.Client.Protocol.Tests.Records;

/// <summary>A record as tests write and expect it.</summary>
internal sealed record TestRecord(long Timestamp, byte[]? Key, byte[]? Value, (string Key, byte[]? Value)[] Headers)
{
    /// <summary>Varied records: null keys and values, empty ones, headers with null values, unordered timestamps.</summary>
    public static List<TestRecord> Generate(int count, long baseTimestamp = 1_700_000_000_000, int seed = 3)
    {
        var random = new Random(seed);
        var records = new List<TestRecord>(count);
        for (int i = 0; i < count; i++)
        {
            byte[]? key = i % 7 == 3 ? null : i % 13 == 5 ? [] : Encoding.UTF8.GetBytes($"key-{i}");
            byte[]? value = i % 11 == 4 ? null : TestData.Text(random.Next(0, 200), seed: i);
            (string, byte[]?)[] headers = i % 5 == 0
                ? [("trace-id", Encoding.UTF8.GetBytes($"t{i}")), ("näme", null), ("empty", [])]
                : [];
            records.Add(new TestRecord(baseTimestamp + (i * 3) - (i % 4 * 5), key, value, headers));
        }

        return records;
    }

    public static ReadOnlyMemory<byte> Build(RecordBatchBuilder builder, IEnumerable<TestRecord> records)
    {
        foreach (TestRecord record in records)
        {
            RecordHeader[] headers = [.. record.Headers.Select(h => new RecordHeader(h.Key, h.Value))];
            builder.Append(record.Timestamp, record.Key, record.Key is null, record.Value, record.Value is null, headers);
        }

        return builder.Complete();
    }

    /// <summary>Reads every record of one batch into test records (with offsets).</summary>
    public static List<(long Offset, TestRecord Record)> Read(RecordBatch batch)
    {
        var result = new List<(long, TestRecord)>();
        foreach (Record record in batch.GetRecords())
        {
            var headers = new List<(string, byte[]?)>();
            foreach (RecordHeaderView header in record.Headers)
            {
                headers.Add((header.GetKey(), header.IsValueNull ? null : header.Value.ToArray()));
            }

            Assert.That(headers, Has.Count.EqualTo(record.HeaderCount));
            result.Add((record.Offset, new TestRecord(
                record.Timestamp,
                record.IsKeyNull ? null : record.Key.ToArray(),
                record.IsValueNull ? null : record.Value.ToArray(),
                [.. headers])));
        }

        return result;
    }

    public bool SameAs(TestRecord other) =>
        Timestamp == other.Timestamp
        && Same(Key, other.Key)
        && Same(Value, other.Value)
        && Headers.Length == other.Headers.Length
        && Headers.Zip(other.Headers).All(p => p.First.Key == p.Second.Key && Same(p.First.Value, p.Second.Value));

    private static bool Same(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);
}
