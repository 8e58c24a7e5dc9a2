using Microsoft.Extensions.Logging;

namespace LeadDesk.Tests.Infrastructure;

/// <summary>Keeps every log line (formatted) and its level, for tests that check what was reported.</summary>
public sealed class ListLoggerProvider : ILoggerProvider, ILogger
{
    private readonly List<(LogLevel Level, string Line)> _entries = [];

    public List<string> Lines
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries.Select(e => e.Line)];
            }
        }
    }

    public List<string> LinesAt(LogLevel level)
    {
        lock (_entries)
        {
            return [.. _entries.Where(e => e.Level == level).Select(e => e.Line)];
        }
    }

    public ILogger CreateLogger(string categoryName) => this;
    public void Dispose() { }
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((logLevel, formatter(state, exception)));
        }
    }
}
