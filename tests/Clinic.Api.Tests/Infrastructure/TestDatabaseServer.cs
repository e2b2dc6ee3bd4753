using Clinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests run against: the admin connection string in CLINIC_TEST_PG when set (the
/// project's scripts start a local server and set it), else a Testcontainers container. Migrations are applied
/// once to a template database; every test class gets a fresh copy of it.
/// </summary>
public static class TestDatabaseServer
{
    public const string EnvironmentVariable = "CLINIC_TEST_PG";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? adminConnectionString;
    private static string? templateName;
    private static PostgreSqlContainer? container;

    /// <summary>Creates a fresh, migrated database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var (admin, template) = await EnsureTemplateAsync();
        var name = $"clinic_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true, MaxPoolSize = 50 }.ConnectionString;
    }

    /// <summary>Creates an empty database, with no migration applied, and returns its connection string.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync()
    {
        var (admin, _) = await EnsureTemplateAsync();
        var name = $"clinic_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true, MaxPoolSize = 50 }.ConnectionString;
    }

    /// <summary>
    /// A new database restored from a dump of <paramref name="source"/>, taken as an operator's backup is (README,
    /// "Backups and restores"): <c>pg_dump --format=custom</c>, then <c>pg_restore</c> into an empty database. Returns
    /// its connection string. The client tools run where the server does: on this machine beside a local server, inside
    /// the container under Testcontainers.
    /// </summary>
    public static async Task<string> RestoredCopyAsync(string source)
    {
        var target = await CreateEmptyDatabaseAsync();
        var from = new NpgsqlConnectionStringBuilder(source);
        var to = new NpgsqlConnectionStringBuilder(target);
        if (container is not null)
        {
            var result = await container.ExecAsync(
                ["sh", "-c", $"pg_dump --format=custom --no-owner -U {from.Username} -d {from.Database} | pg_restore --no-owner --exit-on-error -U {to.Username} -d {to.Database}"]);
            return result.ExitCode == 0 ? target : throw new InvalidOperationException($"The dump and restore failed: {result.Stderr}");
        }

        var dump = Path.Combine(Path.GetTempPath(), $"{from.Database}.dump");
        try
        {
            await RunClientToolAsync("pg_dump", from, "--format=custom", "--no-owner", $"--file={dump}", $"--dbname={from.Database}");
            await RunClientToolAsync("pg_restore", to, "--no-owner", "--exit-on-error", $"--dbname={to.Database}", dump);
        }
        finally
        {
            File.Delete(dump);
        }

        return target;
    }

    private static async Task RunClientToolAsync(string tool, NpgsqlConnectionStringBuilder server, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(ClientTool(tool)) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGHOST"] = server.Host;
        start.Environment["PGPORT"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = server.Username;
        start.Environment["PGPASSWORD"] = server.Password;
        using var process = System.Diagnostics.Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        _ = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {await errors}");
        }
    }

    /// <summary>A PostgreSQL client program: on the PATH, or where Debian's server packages install it.</summary>
    private static string ClientTool(string name)
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")) : [])
            .Select(directory => Path.Combine(directory, name));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{name} was not found: install PostgreSQL's client programs (./scripts/postgres.sh does).");
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<(string Admin, string Template)> EnsureTemplateAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (adminConnectionString is not null && templateName is not null)
            {
                return (adminConnectionString, templateName);
            }

            var admin = await AdminConnectionStringAsync();
            var template = $"clinic_test_template_{Environment.ProcessId}";
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{template}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{template}\"", connection);
                await create.ExecuteNonQueryAsync();
            }

            var templateConnection = new NpgsqlConnectionStringBuilder(admin) { Database = template, Pooling = false }.ConnectionString;
            var options = new DbContextOptionsBuilder<ClinicDbContext>();
            Clinic.Infrastructure.DependencyInjection.Configure(options, templateConnection);
            await using (var db = new ClinicDbContext(options.Options))
            {
                await db.Database.MigrateAsync();
            }

            NpgsqlConnection.ClearAllPools();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropTemplate(admin, template);
            (adminConnectionString, templateName) = (admin, template);
            return (admin, template);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> AdminConnectionStringAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        try
        {
            container = new PostgreSqlBuilder("postgres:16-alpine").Build();
            await container.StartAsync();
            return container.GetConnectionString();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new InvalidOperationException(
                $"No PostgreSQL for the tests: set {EnvironmentVariable} to an admin connection string (./scripts/test.sh does this for you), or run where Docker is available for Testcontainers.",
                exception);
        }
    }

    private static void DropTemplate(string admin, string template)
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(admin);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{template}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // Best effort at process exit; the next run drops leftovers of the same name.
        }
    }
}
