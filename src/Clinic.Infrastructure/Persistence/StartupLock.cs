using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Clinic.Infrastructure.Persistence;

/// <summary>
/// A database-wide lock that start-up work holds (migrations, demo seeding), so replicas starting together take
/// turns: the first migrates and seeds, the others find nothing left to do. A PostgreSQL session advisory lock on
/// a connection of its own, released when disposed or when the process dies.
/// </summary>
public sealed class StartupLock : IAsyncDisposable
{
    /// <summary>An arbitrary, fixed key ("clinic" and 2).</summary>
    private const long Key = 0x636C696E69630002;

    private readonly NpgsqlConnection connection;

    private StartupLock(NpgsqlConnection connection) => this.connection = connection;

    /// <summary>Waits for the lock; other processes' start-up work runs meanwhile.</summary>
    public static async Task<StartupLock> AcquireAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection);
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new StartupLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", connection);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}
