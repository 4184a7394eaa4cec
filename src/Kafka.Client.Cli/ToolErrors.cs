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

    /// <summary>
    /// Runs a command's work with Ctrl+C and SIGTERM as its cancellation token, and turns its failures into one line
    /// and an exit code: <see cref="UsageException"/> 2, <see cref="KafkaException"/> and I/O errors 1, a signal 130.
    /// </summary>
    public static async Task<int> RunAsync(CancellationToken cancellationToken, Func<CancellationToken, Task<int>> work)
    {
        using var signals = new ShutdownSignals(cancellationToken);
        try
        {
            return await work(signals.Token).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            return await ReportAsync(Usage, e.Message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KafkaException or IOException)
        {
            return await ReportAsync(Failed, e.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (signals.Token.IsCancellationRequested)
        {
            return Interrupted;
        }
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
