using System.Globalization;

namespace Kafka.Client.Cli.Perf;

/// <summary>
/// The figures of <c>kafka perf produce</c>, kept and printed as Kafka's ProducerPerformance.Stats does: every
/// acknowledged record counts its latency (send to acknowledgement, in ms) and bytes; a window line is printed when
/// 5 s have passed since the last one, and a total line with latency percentiles at the end. At most 500,000
/// latencies are kept (every n-th record's), which the percentiles are taken from.
/// </summary>
internal sealed class ProducerStats
{
    private const long ReportingIntervalMs = 5_000;
    private const double Megabyte = 1024.0 * 1024.0;

    private readonly TextWriter _output;
    private readonly Lock _sync = new();
    private readonly long _start;
    private readonly int[] _latencies;
    private readonly long _sampling;
    private readonly bool _steadyState;
    private long _iteration;
    private int _index;
    private long _count;
    private long _bytes;
    private int _maxLatency;
    private long _totalLatency;
    private long _windowStart;
    private long _windowCount;
    private int _windowMaxLatency;
    private long _windowTotalLatency;
    private long _windowBytes;
    private bool _suppressed;

    /// <param name="records">How many records the run will send (sizes the latency samples).</param>
    /// <param name="steadyState">True for the figures after <c>--warmup-records</c>: its lines say "steady state".</param>
    /// <param name="output">Where the lines go.</param>
    public ProducerStats(long records, bool steadyState, TextWriter output)
    {
        _output = output;
        _start = _windowStart = PerfClock.NowMs;
        _sampling = records / Math.Min(records, 500_000);
        _latencies = new int[(int)(records / _sampling) + 1];
        _steadyState = steadyState;
    }

    /// <summary>How many records were acknowledged.</summary>
    public long Count
    {
        get
        {
            lock (_sync)
            {
                return _count;
            }
        }
    }

    /// <summary>Stops the window lines (when the steady-state figures take over after the warmup).</summary>
    public void SuppressPrinting()
    {
        lock (_sync)
        {
            _suppressed = true;
        }
    }

    /// <summary>Counts one acknowledged record; prints the window line when the window is 5 s old.</summary>
    public void Record(int latency, int bytes, long nowMs)
    {
        lock (_sync)
        {
            _count++;
            _bytes += bytes;
            _totalLatency += latency;
            _maxLatency = Math.Max(_maxLatency, latency);
            _windowCount++;
            _windowBytes += bytes;
            _windowTotalLatency += latency;
            _windowMaxLatency = Math.Max(_windowMaxLatency, latency);
            if (_iteration % _sampling == 0 && _index < _latencies.Length)
            {
                _latencies[_index++] = latency;
            }

            if (nowMs - _windowStart >= ReportingIntervalMs)
            {
                if (_steadyState && _count == _windowCount)
                {
                    _output.WriteLine("In steady state.");
                }

                if (!_suppressed)
                {
                    PrintWindow();
                }

                _windowStart = PerfClock.NowMs;
                _windowCount = 0;
                _windowMaxLatency = 0;
                _windowTotalLatency = 0;
                _windowBytes = 0;
            }

            _iteration++;
        }
    }

    /// <summary>
    /// The total line, as Kafka prints it: <c>N records sent, X records/sec (Y MB/sec), A ms avg latency, M ms max
    /// latency, P50 ms 50th, P95 ms 95th, P99 ms 99th, P999 ms 99.9th.</c>
    /// </summary>
    public void PrintTotal()
    {
        lock (_sync)
        {
            long elapsed = Math.Max(PerfClock.NowMs - _start, 1);
            double recordsPerSecond = 1000.0 * _count / elapsed;
            double megabytesPerSecond = 1000.0 * _bytes / elapsed / Megabyte;
            int[] percentiles = Percentiles(0.5, 0.95, 0.99, 0.999);
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{_count}{(_steadyState ? " steady state" : "")} records sent, {recordsPerSecond:F6} records/sec ({megabytesPerSecond:F2} MB/sec), {(double)_totalLatency / _count:F2} ms avg latency, {(double)_maxLatency:F2} ms max latency, {percentiles[0]} ms 50th, {percentiles[1]} ms 95th, {percentiles[2]} ms 99th, {percentiles[3]} ms 99.9th."));
        }
    }

    // Kafka's window line: "%d records sent, %.1f records/sec (%.2f MB/sec), %.1f ms avg latency, %.1f ms max latency."
    private void PrintWindow()
    {
        long elapsed = Math.Max(PerfClock.NowMs - _windowStart, 1);
        double recordsPerSecond = 1000.0 * _windowCount / elapsed;
        double megabytesPerSecond = 1000.0 * _windowBytes / elapsed / Megabyte;
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{_windowCount} records sent, {recordsPerSecond:F1} records/sec ({megabytesPerSecond:F2} MB/sec), {(double)_windowTotalLatency / _windowCount:F1} ms avg latency, {(double)_windowMaxLatency:F1} ms max latency."));
        _output.Flush();
    }

    /// <summary>The latency at each fraction of the sorted samples (index fraction × count, as Kafka takes it).</summary>
    private int[] Percentiles(params double[] fractions)
    {
        int size = Math.Min(_index, _latencies.Length);
        Array.Sort(_latencies, 0, size);
        return [.. fractions.Select(f => _latencies[Math.Min((int)(f * size), Math.Max(size - 1, 0))])];
    }
}
