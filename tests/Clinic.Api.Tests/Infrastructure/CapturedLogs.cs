using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>
/// A logger provider that keeps every message, its structured values, any exception and the values of the scopes it
/// was written in (the request's id and trace, as the JSON console shows them), as text.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> lines = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => lines;

    public string All => string.Join('\n', lines);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static string Pairs(object? state) =>
        state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";

    private sealed class Logger(string category, CapturedLogs provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scoped = new StringBuilder();
            provider.scopes.ForEachScope((scope, text) => text.Append(" [").Append(Pairs(scope) is { Length: > 0 } pairs ? pairs : scope).Append(']'), scoped);
            provider.lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {Pairs(state)} {exception}{(scoped.Length > 0 ? " scopes:" + scoped : "")}");
        }
    }
}
