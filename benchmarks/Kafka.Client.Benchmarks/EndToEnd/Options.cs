using System.Globalization;

namespace Kafka.Client.Benchmarks.EndToEnd;

/// <summary>Reads "--name value" options of the end-to-end modes.</summary>
internal static class Options
{
    public static int Int(string[] args, string name, int fallback)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
