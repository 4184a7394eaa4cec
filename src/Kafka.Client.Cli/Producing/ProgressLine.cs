using System.Diagnostics;
using System.Globalization;

namespace Kafka.Client.Cli.Producing;

/// <summary>
/// How many messages went by and how fast, <c>12,345 messages, 1.2 MB, 3.4 MB/s</c>: on a terminal one line rewritten
/// in place, else (stderr piped to a log) a line at each interval.
/// </summary>
internal sealed class ProgressLine : IAsyncDisposable
{
    private static readonly TimeSpan HalfSecond = TimeSpan.FromMilliseconds(500);

    private readonly TextWriter _output;
    private readonly TimeSpan _interval;
    private readonly bool _inPlace;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _messages;
    private long _bytes;

    private ProgressLine(TextWriter output, TimeSpan interval, bool inPlace)
    {
        _output = output;
        _interval = interval;
        _inPlace = inPlace;
        _loop = RefreshAsync(_stop.Token);
    }

    /// <summary>A progress line on stdout, twice a second, when stdout is a terminal, else null.</summary>
    public static ProgressLine? OnTerminal() => Console.IsOutputRedirected ? null : new ProgressLine(Console.Out, HalfSecond, inPlace: true);

    /// <summary>Progress on stderr every <paramref name="interval"/>: in place on a terminal, else one line each time.</summary>
    public static ProgressLine OnStandardError(TimeSpan interval) => new(Console.Error, interval, inPlace: !Console.IsErrorRedirected);

    /// <summary>Counts one message (acknowledged or consumed) of <paramref name="bytes"/> bytes.</summary>
    public void Count(int bytes)
    {
        Interlocked.Increment(ref _messages);
        Interlocked.Add(ref _bytes, bytes);
    }

    /// <summary>On a terminal, writes the final figures and ends the line.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        if (_inPlace)
        {
            await _output.WriteLineAsync("\r" + Format()).ConfigureAwait(false);
            await _output.FlushAsync().ConfigureAwait(false);
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await _output.WriteAsync(_inPlace ? "\r" + Format() : Format() + Environment.NewLine).ConfigureAwait(false);
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
