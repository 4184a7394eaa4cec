using System.Text;

namespace Kafka.Client.Protocol.Generator.Emit;

/// <summary>An indenting text builder for generated C#.</summary>
public sealed class CodeBuilder
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public CodeBuilder Line(string line = "")
    {
        if (line.Length == 0)
        {
            _text.Append('\n');
            return this;
        }

        _text.Append(' ', _indent * 4).Append(line).Append('\n');
        return this;
    }

    public CodeBuilder Open(string line)
    {
        Line(line);
        Line("{");
        _indent++;
        return this;
    }

    public CodeBuilder Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    /// <summary>Writes <c>if (condition) { body }</c>, or just the body when the condition is "true", or nothing when "false".</summary>
    public void If(string condition, Action body)
    {
        if (condition == "false")
        {
            return;
        }

        if (condition == "true")
        {
            body();
            return;
        }

        Open($"if ({condition})");
        body();
        Close();
    }

    public void Doc(string? summary)
    {
        if (string.IsNullOrWhiteSpace(summary))
        {
            return;
        }

        Line($"/// <summary>{Escape(summary)}</summary>");
    }

    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\r", " ", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal);

    public static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    public override string ToString() => _text.ToString();
}
