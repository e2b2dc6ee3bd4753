using System.Net;
using Clinic.Api.Common.Auth;
using Clinic.Api.Tests.Infrastructure;
using Clinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Clinic.Api.Tests.Foundation;

/// <summary>
/// A failed statement is logged once, at the level of what it means: a fault of the server at Error with its code
/// and statement, an expected conflict at Information; EF Core's own entries (Error, with stacks, for each) are not.
/// </summary>
public sealed class DatabaseFailureLogTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    private const string Category = "Clinic.Infrastructure.Persistence.DatabaseFailureLog";

    [Fact]
    public async Task A_statement_the_database_refuses_is_one_error_with_its_code_and_statement()
    {
        var probe = $"probe_{Guid.NewGuid():N}";
        var statement = "select 1 / 0 as " + probe;
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            var refused = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(statement));
            Assert.Equal(PostgresErrorCodes.DivisionByZero, refused.SqlState);
        }

        var lines = api.Logs.Lines.Where(line => line.Contains(probe, StringComparison.Ordinal)).ToList();
        var line = Assert.Single(lines);
        Assert.StartsWith($"Error {Category}:", line, StringComparison.Ordinal);
        Assert.Contains("22012", line, StringComparison.Ordinal);
        Assert.Contains("   at ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_for_a_practice_that_does_not_exist_is_answered_and_logged_as_information()
    {
        var admin = api.ClientAs(Roles.Admin, Guid.NewGuid().ToString(), Guid.NewGuid());

        using var response = await admin.PostJsonAsync("/api/v1/therapists", new { displayName = "Dr Nobody", email = $"{Guid.NewGuid():N}@example.org" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains(api.Logs.Lines, line => line.StartsWith($"Information {Category}:", StringComparison.Ordinal) && line.Contains("23503", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Logs.Lines, line => line.StartsWith("Error Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("40001", LogLevel.Warning)]
    [InlineData("57P01", LogLevel.Warning)]
    [InlineData("23505", LogLevel.Information)]
    [InlineData("23503", LogLevel.Information)]
    [InlineData("23514", LogLevel.Error)]
    [InlineData("42P01", LogLevel.Error)]
    public void Each_kind_of_failure_has_its_level(string sqlState, LogLevel level)
    {
        var exception = new PostgresException("failed", "ERROR", "ERROR", sqlState);

        Assert.Equal(level, DatabaseFailureLog.LevelOf(exception));
    }

    [Fact]
    public void A_cancelled_request_is_not_logged_as_a_failure()
    {
        Assert.Equal(LogLevel.None, DatabaseFailureLog.LevelOf(new TaskCanceledException()));
        Assert.Equal(LogLevel.Warning, DatabaseFailureLog.LevelOf(new NpgsqlException("Exception while reading from stream")));
    }
}
