using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Foundation;

/// <summary>
/// The first start on an empty database, as on a fresh install: the migrations run before anything that reads the
/// tables they create (the data protection key ring, the webhook dispatcher, the retention job), so the log holds no
/// errors about missing tables and no failed first rounds.
/// </summary>
public sealed class FirstStartTests
{
    [Fact]
    public async Task The_first_start_migrates_before_any_hosted_service_reads_a_table()
    {
        await using var api = await ClinicApiFactory.OnEmptyDatabaseAsync();
        api.Settings["Database:MigrateOnStartup"] = "true";
        api.Settings["Webhooks:DispatcherEnabled"] = "true";
        api.Settings["Retention:Enabled"] = "true";

        var ready = await api.Anonymous().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.DoesNotContain(api.Logs.Lines, line => line.Contains("42P01", StringComparison.Ordinal) || line.Contains("round failed", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Logs.Lines, line => line.StartsWith("Error Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Demo_data_asked_for_on_a_database_without_its_schema_stops_the_start_saying_how_to_migrate()
    {
        await using var api = await ClinicApiFactory.OnEmptyDatabaseAsync();
        api.Settings["Database:MigrateOnStartup"] = "false";
        api.Settings["Demo:Seed"] = "true";

        var failure = Assert.ThrowsAny<Exception>(() => api.CreateClient());

        Assert.Contains("Database:MigrateOnStartup=true", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(api.Logs.Lines, line => line.Contains("42P01", StringComparison.Ordinal));
    }
}
