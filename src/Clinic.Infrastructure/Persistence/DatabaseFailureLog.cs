using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Clinic.Infrastructure.Persistence;

/// <summary>
/// One log entry per failed database command, connection or transaction, at the level of what it means to an
/// operator, in place of EF Core's own entries (lowered to Debug by <see cref="QuietenProviderErrors"/>), which log
/// every failure at Error with its stack, several times over, even when the unit of work retries and succeeds.
/// <list type="bullet">
/// <item>Warning: the database was out of reach or gave up (a restart, a dropped connection, a timeout). The unit of
/// work runs again, and the caller gets a 503 with Retry-After if it still fails. No stack: it says nothing.</item>
/// <item>Information: a constraint the application expects to be broken now and then and answers itself (two
/// requests with one Idempotency-Key, a row removed meanwhile: a replay, 403, 404 or 409).</item>
/// <item>Nothing when the request was cancelled (its caller went away, or the API is stopping).</item>
/// <item>Error: anything else, with the error's code, its message, the statement and the stack: a fault of the
/// server, answered 500.</item>
/// </list>
/// Parameter values are never logged (the statement is the application's own text); the error's detail, which can
/// quote a row, is not sent by the server unless the connection string asks for it.
/// </summary>
public sealed partial class DatabaseFailureLog(ILogger<DatabaseFailureLog> logger)
    : IDbCommandInterceptor, IDbConnectionInterceptor, IDbTransactionInterceptor
{
    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Failed(command, eventData);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(command, eventData);
        return Task.CompletedTask;
    }

    public void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => Failed("connection", eventData.Exception, statement: null);

    public Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed("connection", eventData.Exception, statement: null);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Failed($"transaction {eventData.Action}", eventData.Exception, statement: null);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed($"transaction {eventData.Action}", eventData.Exception, statement: null);
        return Task.CompletedTask;
    }

    /// <summary>EF Core's failure events, logged at Error by default, which this log replaces.</summary>
    public static void QuietenProviderErrors(WarningsConfigurationBuilder warnings) =>
        warnings.Log(
            (RelationalEventId.CommandError, LogLevel.Debug),
            (RelationalEventId.ConnectionError, LogLevel.Debug),
            (RelationalEventId.TransactionError, LogLevel.Debug),
            (CoreEventId.SaveChangesFailed, LogLevel.Debug),
            (CoreEventId.QueryIterationFailed, LogLevel.Debug));

    /// <summary>The level a failure is logged at (see the class's summary).</summary>
    public static LogLevel LevelOf(Exception exception) => exception switch
    {
        OperationCanceledException => LogLevel.None,
        _ when DatabaseErrors.IsUnavailable(exception) => LogLevel.Warning,
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation } => LogLevel.Information,
        _ => LogLevel.Error,
    };

    private void Failed(DbCommand command, CommandErrorEventData eventData)
    {
        // On an empty database the migrator reads its history table before it creates it (dotnet/efcore#37328).
        if (eventData.CommandSource == CommandSource.Migrations && eventData.Exception is PostgresException { SqlState: PostgresErrorCodes.UndefinedTable })
        {
            return;
        }

        Failed("command", eventData.Exception, command.CommandText);
    }

    private void Failed(string operation, Exception exception, string? statement)
    {
        var postgres = exception as PostgresException ?? exception.InnerException as PostgresException;
        var code = postgres?.SqlState ?? "none";
        switch (LevelOf(exception))
        {
            case LogLevel.None:
                break;
            case LogLevel.Warning:
                Unavailable(operation, code, exception.GetType().Name, postgres?.MessageText ?? exception.Message);
                break;
            case LogLevel.Information:
                ConstraintBroken(operation, code, postgres?.ConstraintName ?? "", postgres?.TableName ?? "");
                break;
            default:
                Fault(exception, operation, code, postgres?.MessageText ?? exception.Message, statement ?? "");
                break;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "A database {Operation} failed on a transient error ({SqlState}, {ExceptionType}: {Reason}); the unit of work is retried, the caller gets 503 if it still fails.")]
    private partial void Unavailable(string operation, string sqlState, string exceptionType, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "A database {Operation} broke constraint {Constraint} on {Table} ({SqlState}); the application answers it.")]
    private partial void ConstraintBroken(string operation, string sqlState, string constraint, string table);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error,
        Message = "A database {Operation} failed ({SqlState}: {Reason}). Statement: {Statement}")]
    private partial void Fault(Exception exception, string operation, string sqlState, string reason, string statement);
}
