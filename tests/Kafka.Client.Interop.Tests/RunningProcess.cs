using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace Interop.Tests;

/// <summary>
/// A program that runs until it is stopped (`kafka broker`, a worker service): its stdout read line by line as it
/// comes, stopped with SIGTERM as a service manager stops it, killed with its children if still running at the end.
/// </summary>
internal sealed class RunningProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _errors = new();
    private readonly Task _reading;

    private RunningProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _errors.Enqueue(line);
            }
        };
        _process.BeginErrorReadLine();
        _reading = ReadAsync();
    }

    /// <summary>The lines it wrote to stdout so far (those read by <see cref="WaitForLineAsync"/>).</summary>
    public IReadOnlyList<string> Output => _seen;

    /// <summary>The lines it wrote to stderr so far.</summary>
    public IReadOnlyCollection<string> ErrorOutput => _errors;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>dotnet ARGUMENTS</c>.</summary>
    public static RunningProcess Start(params string[] arguments)
    {
        ProcessStartInfo start = ToolProcess.StartInfo("dotnet", arguments);
        return new RunningProcess(Process.Start(start) ?? throw new InvalidOperationException($"Could not start dotnet {string.Join(' ', arguments)}."));
    }

    /// <summary>Reads stdout until a line matches <paramref name="match"/>, and returns it.</summary>
    /// <exception cref="InvalidOperationException">The program exited first.</exception>
    /// <exception cref="OperationCanceledException">No such line within <paramref name="timeout"/>.</exception>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (await _lines.Reader.WaitToReadAsync(deadline.Token))
        {
            while (_lines.Reader.TryRead(out string? line))
            {
                _seen.Add(line);
                if (match(line))
                {
                    return line;
                }
            }
        }

        await _process.WaitForExitAsync(deadline.Token);
        throw new InvalidOperationException($"The program exited with {_process.ExitCode} before writing the line; it wrote:\n{string.Join('\n', _seen)}");
    }

    /// <summary>Sends SIGTERM, waits for the exit, and reads the rest of stdout; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using (Process kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
        }

        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        await _reading.WaitAsync(deadline.Token);
        while (_lines.Reader.TryRead(out string? line))
        {
            _seen.Add(line);
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            _lines.Writer.TryWrite(line);
        }

        _lines.Writer.TryComplete();
    }
}
