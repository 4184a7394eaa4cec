using System.Globalization;
using System.Text;

namespace Kafka.Client.Cli.Perf;

/// <summary>
/// The record values of <c>kafka perf produce</c>, as Kafka's ProducerPerformance makes them: <c>--record-size N</c>
/// random capital letters (from a generator seeded with 0, so every run sends the same), one of the payloads of
/// <c>--payload-file</c> picked at random, or with <c>--payload-monotonic</c> the record's number as text.
/// </summary>
internal sealed class Payloads
{
    private readonly Random _random = new(0);
    private readonly byte[]? _buffer;
    private readonly List<byte[]>? _file;

    private Payloads(byte[]? buffer, List<byte[]>? file)
    {
        _buffer = buffer;
        _file = file;
    }

    /// <summary>Values of <paramref name="recordSize"/> random letters; the same array is refilled for each record.</summary>
    public static Payloads OfSize(int recordSize) => new(new byte[recordSize], null);

    /// <summary>Each record's number as its value.</summary>
    public static Payloads Monotonic() => new(null, null);

    /// <summary>
    /// The payloads of a UTF-8 file split at <paramref name="delimiter"/> (taken literally, with <c>\n</c>, <c>\r</c>
    /// and <c>\t</c> read as escapes); prints <c>Reading payloads from: PATH</c> and <c>Number of messages read: N</c>
    /// as Kafka's tool.
    /// </summary>
    /// <exception cref="UsageException">The file does not exist or is empty.</exception>
    public static async Task<Payloads> FromFileAsync(string path, string delimiter, TextWriter output, CancellationToken cancellationToken)
    {
        string full = Path.GetFullPath(path);
        await output.WriteLineAsync($"Reading payloads from: {full}").ConfigureAwait(false);
        if (!File.Exists(full) || new FileInfo(full).Length == 0)
        {
            throw new UsageException("File does not exist or empty file provided.");
        }

        string text = await File.ReadAllTextAsync(full, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        string separator = delimiter.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\r", "\r", StringComparison.Ordinal).Replace("\\t", "\t", StringComparison.Ordinal);
        List<string> parts = [.. text.Split(separator)];
        if (parts.Count > 1 && parts[^1].Length == 0)
        {
            parts.RemoveAt(parts.Count - 1);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Number of messages read: {parts.Count}")).ConfigureAwait(false);
        return new Payloads(null, [.. parts.Select(Encoding.UTF8.GetBytes)]);
    }

    /// <summary>The value of record number <paramref name="record"/>. Valid until the next call (the producer copies it when sending).</summary>
    public byte[] Next(long record)
    {
        if (_file is not null)
        {
            return _file[_random.Next(_file.Count)];
        }

        if (_buffer is not null)
        {
            for (int i = 0; i < _buffer.Length; i++)
            {
                _buffer[i] = (byte)(_random.Next(26) + 'A');
            }

            return _buffer;
        }

        return Encoding.ASCII.GetBytes(record.ToString(CultureInfo.InvariantCulture));
    }
}
