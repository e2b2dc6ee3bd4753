using Clinic.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Api.Tests.Security;

public sealed class StartupSafetyTests
{
    [Fact]
    public async Task Production_refuses_to_start_without_authentication_configured()
    {
        await using var api = new ClinicApiFactory { EnvironmentName = "Production" };
        await api.InitializeAsync();
        api.Settings["Auth:SigningKey"] = "";

        var failure = Assert.ThrowsAny<Exception>(() => api.CreateClient());

        var message = Flatten(failure);
        Assert.Contains("Authentication is not configured", message, StringComparison.Ordinal);
        Assert.Contains("Auth:SigningKey", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signing_key_shorter_than_32_bytes_is_refused_at_start_up()
    {
        await using var api = new ClinicApiFactory { EnvironmentName = "Production" };
        await api.InitializeAsync();
        api.Settings["Auth:SigningKey"] = Convert.ToBase64String(new byte[16]);

        var failure = Assert.ThrowsAny<Exception>(() => api.CreateClient());

        Assert.Contains("at least 32 bytes", Flatten(failure), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_external_provider_alone_is_enough_to_start_without_the_token_service()
    {
        await using var api = new ClinicApiFactory { EnvironmentName = "Production" };
        await api.InitializeAsync();
        api.Settings["Auth:SigningKey"] = "";
        api.Settings["Auth:Authority"] = "https://identity.example";
        api.Settings["Auth:Audience"] = "clinic";
        api.Settings["Transport:RequireHttps"] = "false";

        var client = api.CreateClient();

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.PostAsync("/connect/token", new FormUrlEncodedContent([]))).StatusCode);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "10.0.0.300", "must be an IP address")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0", "CIDR")]
    [InlineData("ForwardedHeaders:ForwardLimit", "0", "1 or more")]
    [InlineData("Shutdown:DrainDelay", "10s", "00:05:00")]
    [InlineData("Shutdown:DrainDelay", "-00:00:01", "00:05:00")]
    [InlineData("Shutdown:DrainDelay", "01:00:00", "00:05:00")]
    public async Task A_proxy_or_shutdown_setting_that_cannot_be_read_stops_the_start_naming_it(string setting, string value, string expected)
    {
        await using var api = new ClinicApiFactory();
        await api.InitializeAsync();
        api.Settings[setting] = value;

        var message = Flatten(Assert.ThrowsAny<Exception>(() => api.CreateClient()));

        Assert.Contains(setting, message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_are_read_from_files_in_the_secrets_directory()
    {
        var directory = Directory.CreateTempSubdirectory("clinic-secrets-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "Shutdown__DrainDelay"), "10s");
            await using var api = new ClinicApiFactory();
            await api.InitializeAsync();
            api.Settings["Secrets:Directory"] = directory.FullName;

            var message = Flatten(Assert.ThrowsAny<Exception>(() => api.CreateClient()));

            Assert.Contains("Shutdown:DrainDelay", message, StringComparison.Ordinal);

            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "Shutdown__DrainDelay"), "00:00:01\n");
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "Retention__Period"), "00:30:00");
            await using var started = new ClinicApiFactory();
            await started.InitializeAsync();
            started.Settings["Secrets:Directory"] = directory.FullName;

            Assert.Equal(System.Net.HttpStatusCode.OK, (await started.CreateClient().GetAsync("/health/live")).StatusCode);
            var configuration = started.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
            Assert.Equal("00:30:00", configuration["Retention:Period"]);
            Assert.Equal("00:00:01", configuration["Shutdown:DrainDelay"]);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_secrets_directory_that_does_not_exist_stops_the_start_naming_the_setting()
    {
        await using var api = new ClinicApiFactory();
        await api.InitializeAsync();
        api.Settings["Secrets:Directory"] = Path.Combine(Path.GetTempPath(), $"clinic-no-secrets-{Guid.NewGuid():N}");

        var message = Flatten(Assert.ThrowsAny<Exception>(() => api.CreateClient()));

        Assert.Contains("Secrets:Directory", message, StringComparison.Ordinal);
    }

    private static string Flatten(Exception exception)
    {
        var messages = new List<string>();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" | ", messages);
    }
}
