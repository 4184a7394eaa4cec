using System.Globalization;

namespace Kafka.Client.Options;

/// <summary>
/// Builds <see cref="OptionProperty{T}"/> rows for the common value types, parsing as Java's <c>ConfigDef</c> does:
/// numbers and booleans are trimmed, booleans and names are case-insensitive, lists are comma-separated.
/// </summary>
internal static class OptionProperties
{
    /// <summary>A 32-bit integer property with an inclusive range.</summary>
    public static OptionProperty<T> Int32<T>(string name, string doc, Func<T, int> get, Action<T, int> set, int min = int.MinValue, int max = int.MaxValue) =>
        new(
            name,
            doc,
            (o, value) =>
            {
                if (!int.TryParse(value.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int parsed))
                {
                    throw new FormatException("expected a 32-bit integer.");
                }

                set(o, CheckRange(parsed, min, max));
            },
            o => get(o).ToString(CultureInfo.InvariantCulture),
            o => RangeError(get(o), min, max));

    /// <summary>An optional 32-bit integer property with an inclusive range; null when unset.</summary>
    public static OptionProperty<T> NullableInt32<T>(string name, string doc, Func<T, int?> get, Action<T, int?> set, int min = int.MinValue, int max = int.MaxValue) =>
        new(
            name,
            doc,
            (o, value) =>
            {
                if (!int.TryParse(value.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int parsed))
                {
                    throw new FormatException("expected a 32-bit integer.");
                }

                set(o, CheckRange(parsed, min, max));
            },
            o => get(o)?.ToString(CultureInfo.InvariantCulture),
            o => get(o) is int v ? RangeError(v, min, max) : null);

    /// <summary>A 64-bit integer property with an inclusive range.</summary>
    public static OptionProperty<T> Int64<T>(string name, string doc, Func<T, long> get, Action<T, long> set, long min = long.MinValue, long max = long.MaxValue) =>
        new(
            name,
            doc,
            (o, value) =>
            {
                if (!long.TryParse(value.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed))
                {
                    throw new FormatException("expected a 64-bit integer.");
                }

                set(o, CheckRange(parsed, min, max));
            },
            o => get(o).ToString(CultureInfo.InvariantCulture),
            o => RangeError(get(o), min, max));

    /// <summary>A boolean property: <c>true</c> or <c>false</c>, any case.</summary>
    public static OptionProperty<T> Boolean<T>(string name, string doc, Func<T, bool> get, Action<T, bool> set) =>
        new(
            name,
            doc,
            (o, value) => set(o, ParseBoolean(value)),
            o => get(o) ? "true" : "false");

    /// <summary>A string property; <paramref name="allowEmpty"/> false rejects empty values (Java's NonEmptyString).</summary>
    public static OptionProperty<T> String<T>(string name, string doc, Func<T, string?> get, Action<T, string?> set, bool allowEmpty = true) =>
        new(
            name,
            doc,
            (o, value) =>
            {
                if (!allowEmpty && value.Length == 0)
                {
                    throw new FormatException("must not be empty.");
                }

                set(o, value);
            },
            get,
            o => !allowEmpty && get(o) is { Length: 0 } ? "must not be empty." : null);

    /// <summary>The text a secret prints as, in <c>ToProperties</c> and everywhere else (Java's <c>Password.toString</c>).</summary>
    public const string HiddenValue = "[hidden]";

    /// <summary>A secret string property (a password, a key): set like a string, printed as <see cref="HiddenValue"/> when set.</summary>
    public static OptionProperty<T> Secret<T>(string name, string doc, Func<T, string?> get, Action<T, string?> set) =>
        new(name, doc, (o, value) => set(o, value), o => get(o) is null ? null : HiddenValue);

    /// <summary>An enumeration property with Kafka's value names; the first name of a value is the one printed.</summary>
    public static OptionProperty<T> Enum<T, TEnum>(string name, string doc, Func<T, TEnum> get, Action<T, TEnum> set, (string Name, TEnum Value)[] names)
        where TEnum : struct, Enum =>
        new(
            name,
            doc,
            (o, value) => set(o, ParseName(value, names)),
            o => NameOf(get(o), names),
            o => NameOf(get(o), names) is null ? $"{get(o)} is not a valid value." : null);

    /// <summary>Parses <c>true</c> or <c>false</c> (trimmed, any case), as Java's ConfigDef does.</summary>
    public static bool ParseBoolean(string value)
    {
        ReadOnlySpan<char> trimmed = value.AsSpan().Trim();
        if (trimmed.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (trimmed.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        throw new FormatException("expected true or false.");
    }

    /// <summary>The value named <paramref name="value"/> (trimmed, any case).</summary>
    /// <exception cref="FormatException">No value has that name; the message lists the names.</exception>
    public static TEnum ParseName<TEnum>(string value, (string Name, TEnum Value)[] names)
    {
        ReadOnlySpan<char> trimmed = value.AsSpan().Trim();
        foreach ((string candidate, TEnum v) in names)
        {
            if (trimmed.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
        }

        throw new FormatException($"expected one of {ListNames(names)}.");
    }

    /// <summary>The Kafka name of <paramref name="value"/>, or null when it has none.</summary>
    public static string? NameOf<TEnum>(TEnum value, (string Name, TEnum Value)[] names)
        where TEnum : struct, Enum
    {
        foreach ((string candidate, TEnum v) in names)
        {
            if (EqualityComparer<TEnum>.Default.Equals(v, value))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Splits a Kafka list value on commas, trimming items; an empty or blank value is an empty list.</summary>
    public static List<string> SplitList(string value)
    {
        var items = new List<string>();
        if (value.AsSpan().Trim().IsEmpty)
        {
            return items;
        }

        foreach (string item in value.Split(','))
        {
            items.Add(item.Trim());
        }

        return items;
    }

    /// <summary>Why <paramref name="value"/> is outside [<paramref name="min"/>, <paramref name="max"/>], or null.</summary>
    public static string? RangeError(long value, long min, long max)
    {
        if (value >= min && value <= max)
        {
            return null;
        }

        if (max is long.MaxValue or int.MaxValue)
        {
            return $"must be at least {min}.";
        }

        if (min is long.MinValue or int.MinValue)
        {
            return $"must be at most {max}.";
        }

        return $"must be between {min} and {max}.";
    }

    private static TNumber CheckRange<TNumber>(TNumber value, TNumber min, TNumber max)
        where TNumber : System.Numerics.INumber<TNumber>
    {
        if (value < min || value > max)
        {
            throw new FormatException(RangeError(long.CreateTruncating(value), long.CreateTruncating(min), long.CreateTruncating(max)));
        }

        return value;
    }

    private static string ListNames<TEnum>((string Name, TEnum Value)[] names)
    {
        var builder = new System.Text.StringBuilder();
        for (int i = 0; i < names.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            builder.Append(names[i].Name);
        }

        return builder.ToString();
    }
}
