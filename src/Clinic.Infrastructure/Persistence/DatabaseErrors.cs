using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Clinic.Infrastructure.Persistence;

/// <summary>What the application needs to know about a database failure, without knowing the driver's types.</summary>
public static class DatabaseErrors
{
    /// <summary>A write broke a unique constraint (optionally a given one): someone else got there first.</summary>
    public static bool IsUniqueViolation(Exception exception, string? constraint = null) =>
        exception is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres }
        && (constraint is null || postgres.ConstraintName == constraint);

    /// <summary>
    /// The name of the foreign key a write broke (it referred to a row that does not exist), or null when it broke
    /// none.
    /// </summary>
    public static string? MissingReference(Exception exception) =>
        exception is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } postgres }
            ? postgres.ConstraintName ?? ""
            : null;

    /// <summary>
    /// The database could not be reached or gave up (connection refused or dropped, shutting down, out of
    /// connections, a timeout or a cancelled statement, retries exhausted): the caller should be told to come back
    /// later, not that something is broken. An error the database reports about the statement itself (a value it
    /// cannot store, say) is not this: it is a fault of the server, answered 500 and logged as one.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.IsTransient || postgres.SqlState == PostgresErrorCodes.QueryCanceled,
        NpgsqlException or TimeoutException or RetryLimitExceededException => true,
        { InnerException: NpgsqlException inner } => IsUnavailable(inner),
        _ => false,
    };

    /// <summary>Any failure of the database or of the unit of work talking to it.</summary>
    public static bool IsDatabaseFailure(Exception exception) =>
        IsUnavailable(exception) || exception is DbUpdateException or InvalidOperationException;
}
