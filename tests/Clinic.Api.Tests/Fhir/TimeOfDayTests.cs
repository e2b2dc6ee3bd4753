// FHIR model properties are all nullable; the assertions are the null checks.
#nullable disable warnings

using System.Net;
using Clinic.Api.Features.Plans;
using Clinic.Api.Tests.Infrastructure;
using Hl7.Fhir.Model;
using static Clinic.Api.Tests.Fhir.FhirTestKit;
using Task = System.Threading.Tasks.Task;

namespace Clinic.Api.Tests.Fhir;

/// <summary><c>Timing.repeat.timeOfDay</c> ⇄ an assignment's reminder times (timesOfDay), both ways, exactly.</summary>
public sealed class TimeOfDayTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Times_of_day_of_a_care_plan_become_the_assignments_reminder_times_and_read_back_as_sent()
    {
        var (practice, therapistId, clientId) = await SetUpAsync();
        var daily = Daily(2);
        daily.Repeat.TimeOfDay = ["20:00:00", "08:00:00"];
        var once = Once("2026-03-12");
        once.Repeat = new Timing.RepeatComponent { TimeOfDay = ["18:30:00"] };
        var fhir = Integration(api, practice);

        var created = await fhir.CreateAsync(NewCarePlan(clientId, therapistId, Activity("self-compassion-break", daily), Activity("compassionate-letter", once)));

        var plan = await (await practice.Admin.GetAsync($"/api/v1/plans/{created.Id}")).ReadAsync<PlanResponse>();
        Assert.Equal(["08:00", "20:00"], plan.Assignments.Single(a => a.ExerciseKey == "self-compassion-break").Schedule.TimesOfDay);
        Assert.Equal(["18:30"], plan.Assignments.Single(a => a.ExerciseKey == "compassionate-letter").Schedule.TimesOfDay);

        var read = await fhir.ReadAsync<CarePlan>($"CarePlan/{created.Id}");
        var readDaily = (Timing)read.Activity.Single(a => a.Detail.Code.Coding[0].Code == "self-compassion-break").Detail.Scheduled;
        var readOnce = (Timing)read.Activity.Single(a => a.Detail.Code.Coding[0].Code == "compassionate-letter").Detail.Scheduled;
        Assert.Equal(["08:00:00", "20:00:00"], readDaily.Repeat.TimeOfDay);
        Assert.Equal(["18:30:00"], readOnce.Repeat.TimeOfDay);
        Assert.Equal("2026-03-12", Assert.Single(readOnce.EventElement).Value);

        // Sent back as read, the activities are the same: an update of the title goes through.
        read.Title = "Kindness, renamed";
        var updated = await fhir.UpdateAsync(read, versionAware: true);
        Assert.Equal("Kindness, renamed", updated.Title);
    }

    [Fact]
    public async Task A_time_of_day_with_seconds_is_422_at_that_time()
    {
        var (practice, therapistId, clientId) = await SetUpAsync();
        var daily = Daily(1);
        daily.Repeat.TimeOfDay = ["08:00:00", "12:30:15"];

        var (status, outcome) = await FailureAsync(() => Integration(api, practice).CreateAsync(NewCarePlan(clientId, therapistId, Activity("soothing-touch", daily))));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(outcome.Issue, i => i.Expression.Contains("CarePlan.activity[0].detail.scheduledTiming.repeat.timeOfDay[1]"));
    }

    [Fact]
    public async Task A_repeated_time_of_day_is_refused_at_the_times_of_day_as_over_REST()
    {
        var (practice, therapistId, clientId) = await SetUpAsync();
        var daily = Daily(1);
        daily.Repeat.TimeOfDay = ["08:00:00", "08:00:00"];

        var (status, outcome) = await FailureAsync(() => Integration(api, practice).CreateAsync(NewCarePlan(clientId, therapistId, Activity("soothing-touch", daily))));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(outcome.Issue, i => i.Expression.Any(e => e.StartsWith("CarePlan.activity[0].detail.scheduledTiming.repeat.timeOfDay", StringComparison.Ordinal)));
    }

    private async Task<(TestPractice Practice, Guid TherapistId, Guid ClientId)> SetUpAsync()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        return (practice, therapist.Id, client.Id);
    }
}
