using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Adherence;

/// <summary>
/// Summaries read at the same time each count their own plan's completions: the buffers a read streams completions
/// into are reused from read to read, so a buffer handed on while in use, or kept with its rows, would show here as
/// one plan's figures in another's summary.
/// </summary>
public sealed class ConcurrentSummariesTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    private const string AsOf = "?asOf=2026-03-15T23:00:00Z";

    [Fact]
    public async Task Summaries_of_different_plans_read_at_once_each_answer_as_when_read_alone()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistClient) = await practice.AddTherapistAsync();
        int[][] days = [[2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], [3, 9], [], [2, 4, 6, 8, 10, 12, 14]];
        var plans = new List<Guid>();
        foreach (var (completed, index) in days.Select((d, i) => (d, i)))
        {
            plans.Add(await PlanWithLongReflectionsAsync(practice, therapist.Id, $"Client {index}", completed));
        }

        var alone = new Dictionary<Guid, string>();
        foreach (var plan in plans)
        {
            alone[plan] = (await Practise.SummaryAsync(therapistClient, plan, AsOf)).GetRawText();
        }

        var reads = Enumerable.Range(0, 40).Select(i => plans[i % plans.Count]).ToList();
        var answers = await Task.WhenAll(reads.Select(async plan => (plan, (await Practise.SummaryAsync(therapistClient, plan, AsOf)).GetRawText())));

        Assert.Equal([12, 2, 0, 7], plans.Select(p => System.Text.Json.JsonDocument.Parse(alone[p]).RootElement.GetProperty("credited").GetInt32()));
        foreach (var (plan, answer) in answers)
        {
            Assert.Equal(alone[plan], answer);
        }
    }

    /// <summary>
    /// A daily plan from 03-02 to 03-15 completed on the given days of March, each with a long reflection shared with
    /// the therapist, so that a plan's completions arrive over several network reads and reads of different plans
    /// interleave.
    /// </summary>
    private async Task<Guid> PlanWithLongReflectionsAsync(TestPractice practice, Guid therapistId, string name, int[] days)
    {
        var (client, app) = await practice.AddClientAsync(therapistId, "America/New_York", name);
        var response = await practice.Admin.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", new
        {
            title = "Kindness towards the inner critic",
            startDate = "2026-03-02",
            endDate = "2026-03-15",
            assignments = new[] { TestPractice.Daily(1) },
        });
        var plan = await response.ReadAsync<Api.Features.Plans.PlanResponse>();
        var assignmentId = plan.Assignments.Single().Id;
        foreach (var day in days)
        {
            var reflection = string.Concat(Enumerable.Repeat($"{name} on day {day}: kinder words today. ", 80));
            await Practise.CompleteAsync(api, app, assignmentId, $"2026-03-{day:00}T15:00:00Z", reflection: reflection, shareWithTherapist: true);
        }

        return plan.Id;
    }
}
