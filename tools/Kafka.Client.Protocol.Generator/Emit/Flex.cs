namespace Kafka.Client.Protocol.Generator.Emit;

/// <summary>Small helpers that fold "true"/"false" C# conditions so generated code has no unreachable branches.</summary>
public static class Flex
{
    public static string And(string a, string b) =>
        a == "false" || b == "false" ? "false" : a == "true" ? b : b == "true" ? a : $"{Wrap(a)} && {Wrap(b)}";

    public static string Not(string a) => a == "true" ? "false" : a == "false" ? "true" : $"!({a})";

    /// <summary>An expression choosing between the compact (flexible) and classic form.</summary>
    public static string Choose(string flex, string compact, string classic) =>
        flex == "true" ? compact : flex == "false" ? classic : $"{flex} ? {compact} : {classic}";

    /// <summary>A statement choosing between the compact (flexible) and classic form.</summary>
    public static void ChooseStatement(CodeBuilder code, string flex, string compact, string classic)
    {
        if (flex == "true")
        {
            code.Line(compact);
        }
        else if (flex == "false")
        {
            code.Line(classic);
        }
        else
        {
            code.Open($"if ({flex})");
            code.Line(compact);
            code.Close();
            code.Open("else");
            code.Line(classic);
            code.Close();
        }
    }

    private static string Wrap(string a) => a.Contains(' ', StringComparison.Ordinal) && !a.StartsWith('(') ? $"({a})" : a;
}
