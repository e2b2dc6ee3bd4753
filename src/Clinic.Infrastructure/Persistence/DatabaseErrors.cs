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
    /// The database could not be reached or gave up (connection refused or dropped, a timeout, retries
    /// exhausted): the caller should be told to come back later, not that something is broken.
    /// </summary>
    public static bool IsUnavailable(Exception exception) =>
        exception is NpgsqlException or TimeoutException or RetryLimitExceededException
        || exception.InnerException is NpgsqlException { IsTransient: true };

    /// <summary>Any failure of the database or of the unit of work talking to it.</summary>
    public static bool IsDatabaseFailure(Exception exception) =>
        IsUnavailable(exception) || exception is DbUpdateException or InvalidOperationException;
}
