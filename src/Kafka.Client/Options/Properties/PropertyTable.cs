namespace Kafka.Client.Options;

/// <summary>
/// The Kafka properties an options class accepts, by name: applies name/value pairs to an instance, prints an
/// instance back as pairs, and checks each value's range. One table per options class, built once; no reflection.
/// </summary>
/// <typeparam name="T">The options class.</typeparam>
internal sealed class PropertyTable<T>
{
    // Other clients' names for a property, by the name the tables use (librdkafka's plural sasl.mechanisms).
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["sasl.mechanisms"] = "sasl.mechanism",
    };

    private readonly Dictionary<string, OptionProperty<T>> _byName = new(StringComparer.Ordinal);
    private readonly List<OptionProperty<T>> _inOrder = [];

    /// <summary>Creates a table of <paramref name="properties"/>, in the order given.</summary>
    /// <exception cref="InvalidOperationException">Two properties have the same name.</exception>
    public PropertyTable(IEnumerable<OptionProperty<T>> properties)
    {
        foreach (OptionProperty<T> property in properties)
        {
            if (!_byName.TryAdd(property.Name, property))
            {
                throw new InvalidOperationException($"The property '{property.Name}' is defined twice for {typeof(T).Name}.");
            }

            _inOrder.Add(property);
        }
    }

    /// <summary>The properties, in table order.</summary>
    public IReadOnlyList<OptionProperty<T>> Properties => _inOrder;

    /// <summary>True when the table has a property named <paramref name="name"/>.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>Parses every pair into <paramref name="options"/>, in order (a later pair for the same name wins).</summary>
    /// <exception cref="ArgumentException">A name is unknown, or a value is null or invalid; the message names them.</exception>
    public void Apply(T options, IEnumerable<KeyValuePair<string, string>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        foreach (KeyValuePair<string, string> pair in properties)
        {
            if (pair.Key is null || !TryFind(pair.Key, out OptionProperty<T>? property))
            {
                throw new ArgumentException($"Unknown Kafka property '{pair.Key}' for {typeof(T).Name}.", nameof(properties));
            }

            if (pair.Value is null)
            {
                throw new ArgumentException($"The Kafka property '{pair.Key}' has a null value.", nameof(properties));
            }

            try
            {
                property.Set(options, pair.Value);
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"Invalid value '{pair.Value}' for Kafka property '{pair.Key}': {e.Message}", nameof(properties), e);
            }
        }
    }

    private bool TryFind(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OptionProperty<T>? property) =>
        _byName.TryGetValue(name, out property) || (Aliases.TryGetValue(name, out string? canonical) && _byName.TryGetValue(canonical, out property));

    /// <summary>Every property that has a value, by Kafka name, in table order.</summary>
    public Dictionary<string, string> ToProperties(T options)
    {
        var result = new Dictionary<string, string>(_inOrder.Count, StringComparer.Ordinal);
        foreach (OptionProperty<T> property in _inOrder)
        {
            if (property.Get(options) is { } value)
            {
                result[property.Name] = value;
            }
        }

        return result;
    }

    /// <summary>Checks every property's value against its range or name list.</summary>
    /// <exception cref="ArgumentException">A value is invalid; the message names the property and the value.</exception>
    public void Check(T options)
    {
        foreach (OptionProperty<T> property in _inOrder)
        {
            if (property.Check(options) is { } reason)
            {
                throw new ArgumentException($"Invalid value '{property.Get(options)}' for Kafka property '{property.Name}': {reason}");
            }
        }
    }
}
