namespace Kafka.Client.Options;

/// <summary>
/// One Kafka property of an options class: its name, how to parse a string into the options, how to print the
/// current value, and which values are valid.
/// </summary>
/// <typeparam name="T">The options class.</typeparam>
internal sealed class OptionProperty<T>
{
    private readonly Action<T, string> _set;
    private readonly Func<T, string?> _get;
    private readonly Func<T, string?>? _check;

    /// <summary>Creates a property.</summary>
    /// <param name="name">The Kafka property name, e.g. <c>linger.ms</c>.</param>
    /// <param name="documentation">One line saying what the property does.</param>
    /// <param name="set">Parses a value and stores it; throws <see cref="FormatException"/> saying why a value is invalid.</param>
    /// <param name="get">The current value as Kafka writes it, or null when unset.</param>
    /// <param name="check">Why the current value is invalid, or null when it is valid.</param>
    public OptionProperty(string name, string documentation, Action<T, string> set, Func<T, string?> get, Func<T, string?>? check = null)
    {
        Name = name;
        Documentation = documentation;
        _set = set;
        _get = get;
        _check = check;
    }

    /// <summary>The Kafka property name.</summary>
    public string Name { get; }

    /// <summary>What the property does.</summary>
    public string Documentation { get; }

    /// <summary>Parses <paramref name="value"/> into <paramref name="options"/>.</summary>
    /// <exception cref="FormatException">The value is invalid; the message says why.</exception>
    public void Set(T options, string value) => _set(options, value);

    /// <summary>The current value as Kafka writes it, or null when unset.</summary>
    public string? Get(T options) => _get(options);

    /// <summary>Why the current value is invalid, or null when it is valid.</summary>
    public string? Check(T options) => _check?.Invoke(options);
}
