namespace Clinic.Api.Tests.Infrastructure;

/// <summary>
/// A <see cref="ClinicApiFactory"/> with settings of its own, for a test class that needs the API configured
/// differently (a class fixture: its database and host are created once for the class).
/// </summary>
public abstract class ConfiguredApiFactory(IReadOnlyDictionary<string, string?> settings, string environmentName = "Testing") : IAsyncLifetime
{
    public ClinicApiFactory Api { get; } = new() { EnvironmentName = environmentName };

    public async Task InitializeAsync()
    {
        foreach (var (key, value) in settings)
        {
            Api.Settings[key] = value;
        }

        await Api.InitializeAsync();
    }

    public Task DisposeAsync() => Api.DisposeAsync();
}
