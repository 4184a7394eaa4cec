using System.Text.RegularExpressions;

namespace Kafka.Client.Packaging.Tests;

/// <summary>Diagnostics in the output of a build (`dotnet pack`, `dotnet publish`).</summary>
internal static partial class BuildDiagnostics
{
    /// <summary>Every warning code, as MSBuild prints them (<c>file(1,2): warning CS1234: ...</c>).</summary>
    public static IEnumerable<string> Warnings(string output) => Warning().Matches(output).Select(m => m.Value);

    /// <summary>Every trimming (IL2xxx) or AOT (IL3xxx) diagnostic, warning or error.</summary>
    public static IEnumerable<string> TrimOrAot(string output) => TrimOrAotCode().Matches(output).Select(m => m.Value);

    [GeneratedRegex(@"\bwarning [A-Z]*[0-9]+")]
    private static partial Regex Warning();

    [GeneratedRegex(@"\bIL[23][0-9]{3}\b")]
    private static partial Regex TrimOrAotCode();
}
