using System.Net.Sockets;
using Clinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Clinic.Api.Tests.Foundation;

/// <summary>
/// Which database failures are the database being away (503 with Retry-After: a retry can succeed) and which are a
/// fault of the server (500, logged): a statement the database refuses must not be reported as an outage.
/// </summary>
public sealed class DatabaseErrorsTests
{
    [Theory]
    [InlineData("57P01", true)] // the server shutting down: a restart
    [InlineData("53300", true)] // too many connections
    [InlineData("40001", true)] // a serialization failure
    [InlineData("57014", true)] // the statement was cancelled (a timeout)
    [InlineData("22021", false)] // a value the database cannot store (a NUL in text)
    [InlineData("42703", false)] // an unknown column
    [InlineData("23514", false)] // a check constraint
    public void A_database_error_is_an_outage_only_when_a_retry_could_succeed(string sqlState, bool unavailable)
    {
        var error = new PostgresException("message", "ERROR", "ERROR", sqlState);

        Assert.Equal(unavailable, DatabaseErrors.IsUnavailable(error));
        Assert.Equal(unavailable, DatabaseErrors.IsUnavailable(new DbUpdateException("The save failed.", error)));
    }

    [Fact]
    public void A_connection_that_fails_or_times_out_is_an_outage()
    {
        Assert.True(DatabaseErrors.IsUnavailable(new NpgsqlException("Failed to connect.", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(DatabaseErrors.IsUnavailable(new TimeoutException()));
        Assert.False(DatabaseErrors.IsUnavailable(new InvalidOperationException()));
    }
}
