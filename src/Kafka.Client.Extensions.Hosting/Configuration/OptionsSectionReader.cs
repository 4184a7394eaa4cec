using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Kafka.Client.Configuration;

/// <summary>
/// Reads a section into an options class key by key, with no binder and so no reflection: each known key is parsed
/// and set, and every unknown key or bad value becomes an error naming its configuration path.
/// </summary>
/// <param name="section">The section; its keys are the option names (case-insensitive, as configuration is).</param>
/// <param name="what">What the section configures, for the unknown-key error (e.g. "hosted consumer").</param>
internal sealed class OptionsSectionReader(IConfiguration section, string what)
{
    private readonly List<string> _errors = [];
    private readonly HashSet<string> _known = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The errors so far, each <c>Configuration key 'PATH': ...</c>.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Sets a string option.</summary>
    public void String(string key, Action<string?> set)
    {
        if (Value(key) is { } child)
        {
            set(child.Value is { Length: > 0 } value ? value : null);
        }
    }

    /// <summary>Sets an integer option of at least <paramref name="min"/>.</summary>
    public void Int64(string key, long min, Action<long> set)
    {
        if (Value(key) is { } child)
        {
            if (long.TryParse(child.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) && value >= min)
            {
                set(value);
            }
            else
            {
                Fail(child, $"an integer of at least {min.ToString(CultureInfo.InvariantCulture)}");
            }
        }
    }

    /// <summary>Sets a boolean option.</summary>
    public void Boolean(string key, Action<bool> set)
    {
        if (Value(key) is { } child)
        {
            if (bool.TryParse(child.Value, out bool value))
            {
                set(value);
            }
            else
            {
                Fail(child, "true or false");
            }
        }
    }

    /// <summary>Sets a duration option written as a <see cref="TimeSpan"/> (<c>00:00:05</c>, <c>00:00:00.250</c>), zero or more.</summary>
    public void Duration(string key, Action<TimeSpan> set)
    {
        if (Value(key) is { } child)
        {
            // A bare number would be days to TimeSpan.Parse: refused rather than misread.
            if (child.Value is { } text && text.Contains(':', StringComparison.Ordinal)
                && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan value) && value >= TimeSpan.Zero)
            {
                set(value);
            }
            else
            {
                Fail(child, "a duration such as 00:00:05 or 00:00:00.250");
            }
        }
    }

    /// <summary>Sets an enum option by member name (case-insensitive).</summary>
    public void Enum<TEnum>(string key, Action<TEnum> set)
        where TEnum : struct, Enum
    {
        if (Value(key) is { } child)
        {
            if (child.Value is { } text && !char.IsAsciiDigit(text.FirstOrDefault()) && System.Enum.TryParse(text, ignoreCase: true, out TEnum value) && System.Enum.IsDefined(value))
            {
                set(value);
            }
            else
            {
                Fail(child, string.Join(", ", System.Enum.GetNames<TEnum>()));
            }
        }
    }

    /// <summary>Sets a list option: a JSON array, or one comma-separated string.</summary>
    public void List(string key, Action<IList<string>> set)
    {
        IConfigurationSection child = section.GetSection(key);
        _known.Add(key);
        if (child.Value is { } text)
        {
            set([.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
        }
        else if (child.GetChildren().Any())
        {
            set([.. child.GetChildren().Select(c => c.Value).OfType<string>()]);
        }
    }

    /// <summary>Reads a nested section with a reader of its own, whose errors join these.</summary>
    public void Section(string key, string nestedWhat, Action<OptionsSectionReader> read)
    {
        _known.Add(key);
        IConfigurationSection child = section.GetSection(key);
        if (child.Exists())
        {
            var nested = new OptionsSectionReader(child, nestedWhat);
            read(nested);
            _errors.AddRange(nested.Finish());
        }
    }

    /// <summary>Adds an error for every key no method above read, and returns all the errors.</summary>
    public IReadOnlyList<string> Finish()
    {
        foreach (IConfigurationSection child in section.GetChildren())
        {
            if (!_known.Contains(child.Key))
            {
                _errors.Add($"Configuration key '{child.Path}': Unknown {what} option '{child.Key}'; known: {string.Join(", ", _known)}.");
            }
        }

        return _errors;
    }

    private IConfigurationSection? Value(string key)
    {
        _known.Add(key);
        IConfigurationSection child = section.GetSection(key);
        if (child.GetChildren().Any())
        {
            _errors.Add($"Configuration key '{child.Path}': Expected a value, not a section.");
            return null;
        }

        return child.Value is null ? null : child;
    }

    private void Fail(IConfigurationSection child, string expected) =>
        _errors.Add($"Configuration key '{child.Path}': Invalid value '{child.Value}'; expected {expected}.");
}
