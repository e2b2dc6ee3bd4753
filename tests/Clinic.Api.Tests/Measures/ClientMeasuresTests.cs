using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;
using Clinic.Domain.Measures;

namespace Clinic.Api.Tests.Measures;

/// <summary>
/// Staff read each measure's series with change from baseline and whether the change is reliable (Jacobson and Truax,
/// |RCI| &gt; 1.96 with the constants of MEASURES.md), in the direction that counts as better for the instrument.
/// </summary>
public sealed class ClientMeasuresTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_PHQ9_drop_of_6_is_a_reliable_improvement_and_a_drop_of_5_is_not()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var phq9 = Instruments.Phq9;
        await world.AnsweredAsync("phq-9", MeasureWorld.WithPoints(phq9, 15), "2026-02-10T20:00:00Z");
        await world.AnsweredAsync("phq-9", MeasureWorld.WithPoints(phq9, 10), "2026-02-24T20:00:00Z");
        await world.AnsweredAsync("phq-9", MeasureWorld.WithPoints(phq9, 9), "2026-03-09T20:00:00Z");

        var series = await world.SeriesAsync("phq-9");

        var points = series.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal([15.0, 10.0, 9.0], points.Select(p => p.GetProperty("score").GetDouble()));
        Assert.Equal([0.0, -5.0, -6.0], points.Select(p => p.GetProperty("changeFromBaseline").GetDouble()));
        Assert.Equal([false, false, true], points.Select(p => p.GetProperty("reliableChange").GetBoolean()));
        Assert.Equal(["no_reliable_change", "no_reliable_change", "improved"], points.Select(p => p.GetProperty("direction").GetString()));
        Assert.Equal(-6 / (Math.Sqrt(2) * 6.0 * Math.Sqrt(1 - 0.89)), points[2].GetProperty("reliableChangeIndex").GetDouble(), 12);
        Assert.Equal(["moderately_severe", "moderate", "mild"], points.Select(p => p.GetProperty("band").GetProperty("code").GetString()));
        Assert.Equal(15.0, series.GetProperty("baseline").GetProperty("score").GetDouble());
        Assert.Equal(9.0, series.GetProperty("latest").GetProperty("score").GetDouble());
        Assert.Equal("lower", series.GetProperty("betterWhen").GetString());
    }

    [Fact]
    public async Task A_GAD7_rise_of_4_is_a_reliable_deterioration_and_a_rise_of_3_is_not()
    {
        var world = await MeasureWorld.CreateAsync(api);
        await world.AnsweredAsync("gad-7", MeasureWorld.WithPoints(Instruments.Gad7, 5), "2026-03-01T20:00:00Z");
        await world.AnsweredAsync("gad-7", MeasureWorld.WithPoints(Instruments.Gad7, 8), "2026-03-05T20:00:00Z");
        await world.AnsweredAsync("gad-7", MeasureWorld.WithPoints(Instruments.Gad7, 9), "2026-03-09T20:00:00Z");

        var points = (await world.SeriesAsync("gad-7")).GetProperty("series").EnumerateArray().ToList();

        Assert.Equal(["no_reliable_change", "no_reliable_change", "deteriorated"], points.Select(p => p.GetProperty("direction").GetString()));
    }

    [Fact]
    public async Task An_SCS_SF_rise_of_8_points_on_the_sum_is_a_reliable_improvement_and_7_is_not()
    {
        var world = await MeasureWorld.CreateAsync(api);
        await world.AnsweredAsync("scs-sf", MeasureWorld.WithPoints(Instruments.ScsSf, 30), "2026-03-01T20:00:00Z");
        await world.AnsweredAsync("scs-sf", MeasureWorld.WithPoints(Instruments.ScsSf, 37), "2026-03-05T20:00:00Z");
        await world.AnsweredAsync("scs-sf", MeasureWorld.WithPoints(Instruments.ScsSf, 38), "2026-03-09T20:00:00Z");

        var series = await world.SeriesAsync("scs-sf");

        var points = series.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal([2.5, 37 / 12.0, 38 / 12.0], points.Select(p => p.GetProperty("score").GetDouble()));
        Assert.Equal(["no_reliable_change", "no_reliable_change", "improved"], points.Select(p => p.GetProperty("direction").GetString()));
        Assert.Equal("higher", series.GetProperty("betterWhen").GetString());
    }

    [Fact]
    public async Task The_series_is_in_answer_order_whatever_the_order_of_arrival_and_lists_every_instrument()
    {
        var world = await MeasureWorld.CreateAsync(api);
        await world.AnsweredAsync("phq-9", MeasureWorld.WithPoints(Instruments.Phq9, 4), "2026-03-09T20:00:00Z");
        await world.AnsweredAsync("phq-9", MeasureWorld.WithPoints(Instruments.Phq9, 12), "2026-03-01T20:00:00Z");

        var measures = await (await world.Therapist.GetAsync($"/api/v1/clients/{world.ClientId}/measures")).ReadAsync<JsonElement>();

        Assert.Equal(["scs-sf", "phq-9", "gad-7"], measures.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("measureKey").GetString()));
        var phq9 = measures.GetProperty("measures")[1];
        Assert.Equal(12.0, phq9.GetProperty("baseline").GetProperty("score").GetDouble());
        Assert.Equal(-8.0, phq9.GetProperty("latest").GetProperty("changeFromBaseline").GetDouble());
        var scs = measures.GetProperty("measures")[0];
        Assert.Equal(JsonValueKind.Null, scs.GetProperty("baseline").ValueKind);
        Assert.Empty(scs.GetProperty("series").EnumerateArray());
    }

    [Fact]
    public async Task Measures_are_read_by_the_clients_staff_and_the_client_only_and_every_read_is_audited()
    {
        var world = await MeasureWorld.CreateAsync(api);
        await world.AnsweredAsync("gad-7", [1, 1, 1, 1, 1, 1, 1]);
        var (_, colleague) = await world.Practice.AddTherapistAsync();
        var (_, otherApp) = await world.AnotherClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await world.Therapist.GetAsync($"/api/v1/clients/{world.ClientId}/measures")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.Practice.Integration.GetAsync($"/api/v1/clients/{world.ClientId}/measures")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.App.GetAsync($"/api/v1/clients/{world.ClientId}/measures")).StatusCode);
        await (await colleague.GetAsync($"/api/v1/clients/{world.ClientId}/measures")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await otherApp.GetAsync($"/api/v1/clients/{world.ClientId}/measures")).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(3, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM audit_events WHERE action = 'measure.read' AND client_id = @c", ("c", world.ClientId)));
    }

    [Fact]
    public async Task Every_instrument_is_listed_with_its_items_scoring_and_reliable_change_constants()
    {
        var world = await MeasureWorld.CreateAsync(api);

        var instruments = await (await world.App.GetAsync("/api/v1/measures")).ReadAsync<JsonElement[]>();

        Assert.Equal(["scs-sf", "phq-9", "gad-7"], instruments.Select(i => i.GetProperty("key").GetString()));
        var scs = instruments[0];
        Assert.Equal([1, 4, 8, 9, 11, 12], scs.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("reverseScored").GetBoolean()).Select(i => i.GetProperty("number").GetInt32()));
        Assert.Equal("mean", scs.GetProperty("scoring").GetString());
        Assert.Equal(0.61, scs.GetProperty("reliableChange").GetProperty("standardDeviation").GetDouble());
        Assert.Equal(0.86, scs.GetProperty("reliableChange").GetProperty("reliability").GetDouble());
        var phq9 = instruments[1];
        Assert.Equal("44261-6", phq9.GetProperty("loinc").GetString());
        Assert.Equal("Thoughts that you would be better off dead or of hurting yourself in some way", phq9.GetProperty("items")[8].GetProperty("text").GetString());
        Assert.Equal(27.0, phq9.GetProperty("maxScore").GetDouble());
        Assert.Equal("70274-6", instruments[2].GetProperty("loinc").GetString());
    }
}
