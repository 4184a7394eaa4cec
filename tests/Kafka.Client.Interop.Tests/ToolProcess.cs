using System.Diagnostics;

namespace Interop.Tests;

/// <summary>How a command-line tool ended: exit code, stdout, stderr.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Error)
{
    /// <summary>The non-empty lines written to stderr.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit code {ExitCode}\nstdout: {Output}\nstderr: {Error}";
}

/// <summary>Runs a command-line tool (kcat, `kafka`) as a user would: input piped in, output read back, within a time limit.</summary>
internal static class ToolProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <exception cref="InvalidOperationException"><paramref name="fileName"/> is not installed.</exception>
    public static async Task<ToolResult> RunAsync(string fileName, IEnumerable<string> arguments, string input = "", string? missingHint = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
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
            using var timeout = new CancellationTokenSource(Timeout);
            Task<string> output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            Task<string> error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.StandardInput.WriteAsync(input.AsMemory(), timeout.Token);
            process.StandardInput.Close();
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"`{fileName} {string.Join(' ', start.ArgumentList)}` did not end within {Timeout}.");
            }

            return new ToolResult(process.ExitCode, await output, await error);
        }
    }
}
