using Microsoft.Extensions.Logging;

namespace WebhookHub.Tests.Azure.KeyVault;

/// <summary>A logger that keeps every entry with its formatted message and exception, for asserting on what was (not) logged.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, EventId Id, string Message, Exception? Exception)> _entries = [];

    public IReadOnlyList<(LogLevel Level, EventId Id, string Message, Exception? Exception)> Entries
    {
        get { lock (_entries) return _entries.ToArray(); }
    }

    /// <summary>Every message and exception text, for "never contains the secret" checks.</summary>
    public string AllText => string.Join("\n", Entries.Select(e => e.Message + "\n" + e.Exception));

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries) _entries.Add((logLevel, eventId, formatter(state, exception), exception));
    }
}
