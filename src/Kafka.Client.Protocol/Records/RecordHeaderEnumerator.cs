namespace Kafka.Client.Protocol;

/// <summary>Iterates the headers of a <see cref="Record"/>.</summary>
public ref struct RecordHeaderEnumerator
{
    private RecordCursor _cursor;
    private int _left;

    internal RecordHeaderEnumerator(ReadOnlySpan<byte> headers, int count)
    {
        _cursor = new RecordCursor(headers, 2);
        _left = count;
        Current = default;
    }

    /// <summary>The current header.</summary>
    public RecordHeaderView Current { get; private set; }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    public readonly RecordHeaderEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next header.</summary>
    public bool MoveNext()
    {
        if (_left <= 0)
        {
            return false;
        }

        _left--;
        ReadOnlySpan<byte> key = _cursor.Take(_cursor.ReadVarInt("Header.KeyLength"), "Header.Key");
        ReadOnlySpan<byte> value = _cursor.ReadVarBytes("Header.ValueLength", "Header.Value", out bool isNull);
        Current = new RecordHeaderView(key, value, isNull);
        return true;
    }
}
