using Microsoft.Extensions.Logging;

namespace Kafka.Client.TestSupport;

/// <summary>Writes client logs to the test's progress output, prefixed with a name: for diagnosing a failing test.</summary>
internal sealed class TestLoggerFactory(string prefix, LogLevel minimum = LogLevel.Debug) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new Logger(prefix, categoryName, minimum);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(string prefix, string category, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                TestContext.Progress.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {prefix} {category} {logLevel}: {formatter(state, exception)}");
            }
        }
    }
}
