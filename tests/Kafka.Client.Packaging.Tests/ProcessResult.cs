namespace Kafka.Client.Packaging.Tests;

/// <summary>How a child process ended: its exit code and what it wrote (stdout and stderr, interleaved).</summary>
internal sealed record ProcessResult(int ExitCode, string Output)
{
    /// <summary>The last lines of the output, for assertion messages.</summary>
    public string Tail(int lines = 40)
    {
        string[] all = Output.Split('\n');
        return string.Join('\n', all[Math.Max(0, all.Length - lines)..]);
    }

    public override string ToString() => $"exit code {ExitCode}:\n{Tail()}";
}
