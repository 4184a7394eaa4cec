namespace Kafka.Client.Cli;

/// <summary>Exit codes, and errors as one line on stderr: what went wrong, never a stack trace.</summary>
internal static class ToolErrors
{
    /// <summary>The work failed: a server unreachable, a topic unknown, a message refused, a bad input line.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong: an unknown flag, a bad value, a bad property.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl+C or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <summary>Writes <c>error: MESSAGE</c> to stderr as one line and returns <paramref name="exitCode"/>.</summary>
    public static async Task<int> ReportAsync(int exitCode, string message)
    {
        await Console.Error.WriteLineAsync("error: " + OneLine(message)).ConfigureAwait(false);
        return exitCode;
    }

    /// <summary>The message of <paramref name="error"/> without the "(Parameter 'x')" that ArgumentException appends.</summary>
    public static string MessageOf(Exception error)
    {
        string message = error.Message;
        if (error is ArgumentException { ParamName: { } name })
        {
            string suffix = $" (Parameter '{name}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
            {
                message = message[..^suffix.Length];
            }
        }

        return message;
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
