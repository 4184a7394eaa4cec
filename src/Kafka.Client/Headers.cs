using System.Collections;

namespace Kafka.Client;

/// <summary>The headers of a message, in order; keys may repeat.</summary>
public sealed class Headers : IReadOnlyList<Header>
{
    private readonly List<Header> _headers = [];

    /// <summary>The number of headers.</summary>
    public int Count => _headers.Count;

    /// <summary>The header at <paramref name="index"/>.</summary>
    public Header this[int index] => _headers[index];

    /// <summary>Adds a header.</summary>
    public void Add(string key, byte[]? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        _headers.Add(new Header(key, value));
    }

    /// <summary>Adds a header.</summary>
    public void Add(Header header)
    {
        ArgumentNullException.ThrowIfNull(header);
        _headers.Add(header);
    }

    /// <summary>Removes every header with <paramref name="key"/>.</summary>
    public void Remove(string key) => _headers.RemoveAll(h => h.Key == key);

    /// <summary>The value of the last header with <paramref name="key"/>.</summary>
    /// <returns>True when there is such a header.</returns>
    public bool TryGetLastBytes(string key, out byte[]? value)
    {
        for (int i = _headers.Count - 1; i >= 0; i--)
        {
            if (_headers[i].Key == key)
            {
                value = _headers[i].Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>The value of the last header with <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no header with that key.</exception>
    public byte[]? GetLastBytes(string key) =>
        TryGetLastBytes(key, out byte[]? value) ? value : throw new KeyNotFoundException($"There is no header '{key}'.");

    /// <inheritdoc />
    public IEnumerator<Header> GetEnumerator() => _headers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
