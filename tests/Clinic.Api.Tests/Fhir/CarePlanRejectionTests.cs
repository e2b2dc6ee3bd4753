// FHIR model properties are all nullable; the assertions are the null checks.
#nullable disable warnings

using System.Net;
using Clinic.Api.Tests.Infrastructure;
using Hl7.Fhir.Model;
using static Clinic.Api.Tests.Fhir.FhirTestKit;
using Task = System.Threading.Tasks.Task;

namespace Clinic.Api.Tests.Fhir;

/// <summary>What cannot be represented exactly is refused with an OperationOutcome naming the element, never approximated.</summary>
public sealed class CarePlanRejectionTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Unknown_exercise_code_is_422_at_the_activity_code()
    {
        var (status, outcome) = await CreateAsync(Activity("soothing-touch", Daily(1)), Activity("no-such-exercise", Daily(1)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertIssue(outcome, "CarePlan.activity[1].detail.code");
    }

    [Fact]
    public async Task Hourly_timing_is_422_at_the_period_unit()
    {
        var hourly = new Timing { Repeat = new Timing.RepeatComponent { Frequency = 1, Period = 1, PeriodUnit = Timing.UnitsOfTime.H } };

        var (status, outcome) = await CreateAsync(Activity("soothing-touch", Daily(1)), Activity("soothing-touch", hourly));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertIssue(outcome, "CarePlan.activity[1].detail.scheduledTiming.repeat.periodUnit");
    }

    [Theory]
    [InlineData("period")]
    [InlineData("frequencyMax")]
    [InlineData("when")]
    [InlineData("count")]
    [InlineData("frequency")]
    public async Task Timing_that_cannot_be_counted_exactly_is_422_at_its_element(string element)
    {
        var repeat = new Timing.RepeatComponent { Frequency = 2, Period = 1, PeriodUnit = Timing.UnitsOfTime.D };
        switch (element)
        {
            case "period": repeat.Period = 2; break;
            case "frequencyMax": repeat.FrequencyMax = 3; break;
            case "when": repeat.When = [Timing.EventTiming.MORN]; break;
            case "count": repeat.Count = 5; break;
            default: repeat.Frequency = 7; break;
        }

        var (status, outcome) = await CreateAsync(Activity("soothing-touch", new Timing { Repeat = repeat }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertIssue(outcome, $"CarePlan.activity[0].detail.scheduledTiming.repeat.{element}");
    }

    [Fact]
    public async Task Several_events_are_422()
    {
        var timing = new Timing { EventElement = [new FhirDateTime("2026-03-12"), new FhirDateTime("2026-03-13")] };

        var (status, outcome) = await CreateAsync(Activity("compassionate-letter", timing));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertIssue(outcome, "CarePlan.activity[0].detail.scheduledTiming.event");
    }

    [Fact]
    public async Task A_one_day_scheduled_period_is_a_once_assignment()
    {
        var (practice, therapistId, clientId) = await SetUpAsync();
        var sent = NewCarePlan(clientId, therapistId, Activity("compassionate-letter", new Period { Start = "2026-03-12", End = "2026-03-12" }));

        var created = await Integration(api, practice).CreateAsync(sent);

        Assert.Equal("2026-03-12", ((Timing)created.Activity[0].Detail.Scheduled).EventElement[0].Value);
    }

    [Fact]
    public async Task A_period_start_with_a_time_of_day_is_422()
    {
        var (practice, therapistId, clientId) = await SetUpAsync();
        var sent = NewCarePlan(clientId, therapistId, Activity("soothing-touch", Daily(1)));
        sent.Period.Start = "2026-03-02T09:00:00Z";

        var (status, outcome) = await FailureAsync(() => Integration(api, practice).CreateAsync(sent));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertIssue(outcome, "CarePlan.period.start");
    }

    [Fact]
    public async Task Missing_subject_is_400_at_the_subject()
    {
        var (practice, therapistId, clientId) = await SetUpAsync();
        var sent = NewCarePlan(clientId, therapistId, Activity("soothing-touch", Daily(1)));
        sent.Subject = null;

        var (status, outcome) = await FailureAsync(() => Integration(api, practice).CreateAsync(sent));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertIssue(outcome, "CarePlan.subject");
    }

    [Fact]
    public async Task An_integration_must_name_the_author()
    {
        var (practice, therapistId, clientId) = await SetUpAsync();
        var sent = NewCarePlan(clientId, therapistId, Activity("soothing-touch", Daily(1)));
        sent.Author = null;

        var (status, outcome) = await FailureAsync(() => Integration(api, practice).CreateAsync(sent));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertIssue(outcome, "CarePlan.author");
    }

    [Fact]
    public async Task Validation_failures_of_the_plan_command_name_the_fhir_element()
    {
        var (practice, therapistId, clientId) = await SetUpAsync();
        var sent = NewCarePlan(clientId, therapistId, Activity("soothing-touch", Daily(1)));
        sent.Title = null;

        var (status, outcome) = await FailureAsync(() => Integration(api, practice).CreateAsync(sent));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertIssue(outcome, "CarePlan.title");
    }

    [Fact]
    public async Task Rule_failures_of_the_plan_name_the_fhir_element()
    {
        var (practice, therapistId, clientId) = await SetUpAsync();
        var sent = NewCarePlan(clientId, therapistId, Activity("soothing-touch", Daily(1)));
        sent.Period.End = "2026-03-01";

        var (status, outcome) = await FailureAsync(() => Integration(api, practice).CreateAsync(sent));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertIssue(outcome, "CarePlan.period.end");
    }

    [Fact]
    public async Task Other_statuses_than_draft_or_active_are_422_on_create()
    {
        var (practice, therapistId, clientId) = await SetUpAsync();
        var sent = NewCarePlan(clientId, therapistId, Activity("soothing-touch", Daily(1)));
        sent.Status = RequestStatus.Completed;

        var (status, outcome) = await FailureAsync(() => Integration(api, practice).CreateAsync(sent));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertIssue(outcome, "CarePlan.status");
    }

    [Fact]
    public async Task Malformed_json_is_400()
    {
        var practice = await TestPractice.CreateAsync(api);

        var (status, outcome) = await RawAsync(practice.Integration, HttpMethod.Post, "/fhir/CarePlan", "{\"resourceType\":\"CarePlan\",");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotEmpty(outcome.Issue);
    }

    [Fact]
    public async Task Unknown_elements_are_400_at_the_element()
    {
        var practice = await TestPractice.CreateAsync(api);

        var (status, outcome) = await RawAsync(practice.Integration, HttpMethod.Post, "/fhir/CarePlan", "{\"resourceType\":\"CarePlan\",\"status\":\"active\",\"intent\":\"plan\",\"subject\":{\"reference\":\"Patient/1\"},\"colour\":\"blue\"}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertIssue(outcome, "CarePlan.colour");
    }

    private async Task<(HttpStatusCode, OperationOutcome)> CreateAsync(params CarePlan.ActivityComponent[] activities)
    {
        var (practice, therapistId, clientId) = await SetUpAsync();
        return await FailureAsync(() => Integration(api, practice).CreateAsync(NewCarePlan(clientId, therapistId, activities)));
    }

    private async Task<(TestPractice Practice, Guid TherapistId, Guid ClientId)> SetUpAsync()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        return (practice, therapist.Id, client.Id);
    }
}
