namespace Kafka.Client.Protocol.Generator.Spec;

/// <summary>A closed range of protocol versions as Kafka's JSON writes it: "none", "3", "3+", "1-5".</summary>
public readonly record struct Versions(short Low, short High)
{
    public static Versions None => new(1, 0);

    public static Versions All => new(0, short.MaxValue);

    public bool IsEmpty => Low > High;

    public bool Contains(short version) => version >= Low && version <= High;

    public bool ContainsAll(Versions other) => other.IsEmpty || (Low <= other.Low && High >= other.High);

    public Versions Intersect(Versions other)
    {
        var result = new Versions(Math.Max(Low, other.Low), Math.Min(High, other.High));
        return result.IsEmpty ? None : result;
    }

    public static Versions Parse(string? text, Versions fallback)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        text = text.Trim();
        if (text == "none")
        {
            return None;
        }

        if (text.EndsWith('+'))
        {
            return new Versions(short.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture), short.MaxValue);
        }

        int dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0)
        {
            return new Versions(
                short.Parse(text[..dash], System.Globalization.CultureInfo.InvariantCulture),
                short.Parse(text[(dash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }

        short single = short.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        return new Versions(single, single);
    }

    /// <summary>
    /// A C# condition on the variable <c>version</c> that is true for versions in this range,
    /// simplified against the versions the surrounding code can see.
    /// </summary>
    public string Condition(Versions context)
    {
        Versions effective = Intersect(context);
        if (effective.IsEmpty)
        {
            return "false";
        }

        var parts = new List<string>(2);
        if (effective.Low > context.Low)
        {
            parts.Add($"version >= {effective.Low}");
        }

        if (effective.High < context.High)
        {
            parts.Add($"version <= {effective.High}");
        }

        return parts.Count == 0 ? "true" : string.Join(" && ", parts);
    }

    public override string ToString() =>
        IsEmpty ? "none" : High == short.MaxValue ? $"{Low}+" : Low == High ? $"{Low}" : $"{Low}-{High}";
}
