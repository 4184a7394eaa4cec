using System.Diagnostics;

namespace Kafka.Client.TestProcesses;

/// <summary>How a program ended: exit code, stdout, stderr.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Error)
{
    /// <summary>The non-empty lines written to stderr.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Both streams (stdout first), for searching a build's diagnostics.</summary>
    public string AllOutput => Output + "\n" + Error;

    public override string ToString() => $"exit code {ExitCode}\nstdout: {Tail(Output)}\nstderr: {Tail(Error)}";

    private static string Tail(string text, int lines = 40)
    {
        string[] all = text.Split('\n');
        return string.Join('\n', all[Math.Max(0, all.Length - lines)..]);
    }
}

/// <summary>
/// Runs a program (kcat, the `kafka` tool, `dotnet` itself, a native binary) as a user would: input piped in,
/// output read back, killed with its children if it outlives its time limit. Shared by the test projects.
/// </summary>
internal static class ToolProcess
{
    /// <summary>How to start <paramref name="fileName"/> with every stream redirected, in <paramref name="workingDirectory"/> or the test's folder.</summary>
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="input">What it reads on stdin, which is then closed.</param>
    /// <param name="workingDirectory">Where it runs; the test's folder when null.</param>
    /// <param name="timeout">How long it may run; a minute when null.</param>
    /// <param name="environment">Variables to set, or to remove (a null value), on top of the test's own.</param>
    /// <param name="missingHint">How to install the program, for the error when it is missing.</param>
    /// <param name="cancellationToken">Stops waiting, and the program.</param>
    /// <exception cref="InvalidOperationException">The program is not installed.</exception>
    /// <exception cref="TimeoutException">It did not end in time.</exception>
    public static async Task<ToolResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string input = "",
        string? workingDirectory = null,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? missingHint = null,
        CancellationToken cancellationToken = default)
    {
        ProcessStartInfo start = StartInfo(fileName, arguments, workingDirectory);
        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{fileName} is not installed{(missingHint is null ? "" : ": " + missingHint)}.", e);
        }

        using (process)
        {
            TimeSpan limit = timeout ?? TimeSpan.FromMinutes(1);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(limit);
            try
            {
                Task<string> output = process.StandardOutput.ReadToEndAsync(deadline.Token);
                Task<string> error = process.StandardError.ReadToEndAsync(deadline.Token);
                await process.StandardInput.WriteAsync(input.AsMemory(), deadline.Token);
                process.StandardInput.Close();
                await process.WaitForExitAsync(deadline.Token);
                return new ToolResult(process.ExitCode, await output, await error);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                throw new TimeoutException($"`{fileName} {string.Join(' ', start.ArgumentList)}` did not end within {limit}.");
            }
        }
    }
}
