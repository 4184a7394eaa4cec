using System.Diagnostics;
using System.Globalization;

namespace Kafka.Client.Cli.Producing;

/// <summary>
/// One line, rewritten in place twice a second, with how many messages were acknowledged and how fast:
/// <c>12,345 messages, 1.2 MB, 3.4 MB/s</c>. Only for a person watching a terminal.
/// </summary>
internal sealed class ProgressLine : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly TextWriter _output;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _messages;
    private long _bytes;

    private ProgressLine(TextWriter output)
    {
        _output = output;
        _loop = RefreshAsync(_stop.Token);
    }

    /// <summary>A progress line on stdout when stdout is a terminal, else null.</summary>
    public static ProgressLine? OnTerminal() => Console.IsOutputRedirected ? null : new ProgressLine(Console.Out);

    /// <summary>Counts one acknowledged message of <paramref name="bytes"/> bytes of input.</summary>
    public void Delivered(int bytes)
    {
        Interlocked.Increment(ref _messages);
        Interlocked.Add(ref _bytes, bytes);
    }

    /// <summary>Writes the final figures and ends the line.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        await _output.WriteLineAsync("\r" + Format()).ConfigureAwait(false);
        await _output.FlushAsync().ConfigureAwait(false);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await _output.WriteAsync("\r" + Format()).ConfigureAwait(false);
                await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private string Format()
    {
        double megabytes = Interlocked.Read(ref _bytes) / 1_000_000.0;
        double seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        return string.Create(CultureInfo.InvariantCulture, $"{Interlocked.Read(ref _messages):N0} messages, {megabytes:F1} MB, {megabytes / seconds:F1} MB/s");
    }
}
