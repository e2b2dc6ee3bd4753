using System.Diagnostics;
using System.Net;
using Clinic.Api.Features.Health;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Clinic.Api.Tests.Replicas;

/// <summary>
/// In a rolling deploy a replica asked to stop first leaves the load balancer's rotation, by failing its readiness
/// probe, while it goes on answering what is still sent to it; only then does the server stop.
/// </summary>
public sealed class RollingDeployTests
{
    [Fact]
    public async Task A_stopping_replica_reports_not_ready_for_the_drain_delay_while_it_still_serves_requests()
    {
        await using var api = new ClinicApiFactory();
        await api.InitializeAsync();
        api.Settings[Draining.DelaySetting] = "00:00:02";
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        Assert.Equal(HttpStatusCode.OK, (await api.Anonymous().GetAsync("/health/ready")).StatusCode);

        var draining = api.Services.GetRequiredService<Draining>();
        var clock = Stopwatch.StartNew();
        var stopping = draining.StoppingAsync(CancellationToken.None);

        var ready = await api.Anonymous().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Anonymous().GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await practice.Admin.GetAsync($"/api/v1/clients/{client.Id}")).StatusCode);
        Assert.False(stopping.IsCompleted);
        await stopping;
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"The drain took {clock.Elapsed}.");

        // The host gives the rest of the stop its usual time after the delay.
        Assert.Equal(TimeSpan.FromSeconds(32), api.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public async Task Without_a_drain_delay_a_stopping_replica_stops_at_once_and_is_not_ready()
    {
        await using var api = new ClinicApiFactory();
        await api.InitializeAsync();
        api.CreateClient();
        var draining = api.Services.GetRequiredService<Draining>();

        var stopping = draining.StoppingAsync(CancellationToken.None);

        Assert.True(stopping.IsCompleted);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await api.Anonymous().GetAsync("/health/ready")).StatusCode);
    }
}
