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
            // Long reflections shared with the therapist: a plan's completions arrive over several network reads, so
            // reads of different plans interleave.
            var name = $"Client {index}";
            plans.Add(await CaseloadTests.ClientWithPlanAsync(
                api, practice, therapist.Id, name, completed, reflection: day => string.Concat(Enumerable.Repeat($"{name} on day {day}: kinder words today. ", 80))));
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
}
