// FHIR model properties are all nullable; the assertions are the null checks.
#nullable disable warnings

using System.Net;
using Clinic.Api.Common.Auth;
using Clinic.Api.Features.Fhir;
using Clinic.Api.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using static Clinic.Api.Tests.Fhir.FhirTestKit;

namespace Clinic.Api.Tests.Fhir;

public sealed class CarePlanTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Integration_creates_a_care_plan_and_reads_it_back()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var fhir = Integration(api, practice);
        var sent = NewCarePlan(client.Id, therapist.Id,
            Activity("self-compassion-break", Daily(2, DaysOfWeek.Mon, DaysOfWeek.Thu), "When the critic speaks"),
            Activity("self-compassion-journal", Weekly(3)),
            Activity("compassionate-letter", Once("2026-03-12")));
        sent.Identifier = [new Identifier("urn:ehr:careplan", "EHR-CP-1")];
        sent.Activity[0].Detail.Scheduled = Daily(2, DaysOfWeek.Mon, DaysOfWeek.Thu);
        ((Timing)sent.Activity[0].Detail.Scheduled).Repeat.Bounds = new Period { Start = "2026-03-03", End = "2026-03-12" };

        var created = await fhir.CreateAsync(sent);

        Assert.NotNull(created!.Id);
        var read = await fhir.ReadAsync<CarePlan>($"CarePlan/{created.Id}");
        Assert.Equal(created.Meta.VersionId, read.Meta.VersionId);
        Assert.Equal(RequestStatus.Active, read!.Status);
        Assert.Equal(CarePlan.CarePlanIntent.Plan, read.Intent);
        Assert.Equal($"Patient/{client.Id}", read.Subject.Reference);
        Assert.Equal($"Practitioner/{therapist.Id}", read.Author.Reference);
        Assert.Equal(("2026-03-02", "2026-03-15"), (read.Period.Start, read.Period.End));
        Assert.Equal("Kindness towards the inner critic", read.Title);
        Assert.Equal("Notice the critic and answer it kindly", read.Description);
        Assert.Equal("EHR-CP-1", Assert.Single(read.Identifier).Value);
        Assert.Equal(3, read.Activity.Count);

        var daily = read.Activity.Single(a => a.Detail.Code.Coding[0].Code == "self-compassion-break").Detail;
        Assert.Equal(CarePlanMapping.ExerciseSystem, daily.Code.Coding[0].System);
        Assert.False(string.IsNullOrEmpty(daily.Code.Coding[0].Display));
        Assert.Equal("When the critic speaks", daily.Description);
        var repeat = ((Timing)daily.Scheduled).Repeat;
        Assert.Equal((2, 1m, Timing.UnitsOfTime.D), (repeat.Frequency, repeat.Period, repeat.PeriodUnit));
        Assert.Equal([DaysOfWeek.Mon, DaysOfWeek.Thu], repeat.DayOfWeek);
        Assert.Equal(("2026-03-03", "2026-03-12"), (((Period)repeat.Bounds).Start, ((Period)repeat.Bounds).End));

        var weekly = ((Timing)read.Activity.Single(a => a.Detail.Code.Coding[0].Code == "self-compassion-journal").Detail.Scheduled).Repeat;
        Assert.Equal((3, 1m, Timing.UnitsOfTime.Wk), (weekly.Frequency, weekly.Period, weekly.PeriodUnit));
        Assert.Null(weekly.Bounds);

        var once = (Timing)read.Activity.Single(a => a.Detail.Code.Coding[0].Code == "compassionate-letter").Detail.Scheduled;
        Assert.Equal("2026-03-12", Assert.Single(once.EventElement).Value);
        Assert.Null(once.Repeat);
    }

    [Fact]
    public async Task Read_answers_with_the_version_as_a_weak_etag()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var created = await Integration(api, practice).CreateAsync(NewCarePlan(client.Id, therapist.Id, Activity("soothing-touch", Daily(1))));

        var response = await practice.Integration.GetAsync($"/fhir/CarePlan/{created!.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"W/\"{created.Meta.VersionId}\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task A_read_with_the_current_version_in_if_none_match_is_a_304()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var created = await Integration(api, practice).CreateAsync(NewCarePlan(client.Id, therapist.Id, Activity("soothing-touch", Daily(1))));

        using var current = new HttpRequestMessage(HttpMethod.Get, $"/fhir/CarePlan/{created!.Id}");
        current.Headers.TryAddWithoutValidation("If-None-Match", $"W/\"{created.Meta.VersionId}\"");
        using var notModified = await practice.Integration.SendAsync(current);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal($"W/\"{created.Meta.VersionId}\"", notModified.Headers.ETag?.ToString());
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        using var stale = new HttpRequestMessage(HttpMethod.Get, $"/fhir/CarePlan/{created.Id}");
        stale.Headers.TryAddWithoutValidation("If-None-Match", "W/\"0\"");
        using var read = await practice.Integration.SendAsync(stale);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("application/fhir+json", read.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Subject_given_by_identifier_is_the_client_with_that_external_id()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id, externalId: "MRN-4711");
        var sent = NewCarePlan(Guid.Empty, therapist.Id, Activity("soothing-touch", Daily(1)));
        sent.Subject = new ResourceReference { Identifier = new Identifier("urn:ehr:mrn", "MRN-4711") };

        var created = await Integration(api, practice).CreateAsync(sent);

        Assert.Equal($"Patient/{client.Id}", created!.Subject.Reference);
    }

    [Fact]
    public async Task Search_by_subject_returns_the_clients_care_plans()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id, externalId: "MRN-77");
        var (other, _) = await practice.AddClientAsync(therapist.Id);
        var fhir = Integration(api, practice);
        var first = await fhir.CreateAsync(NewCarePlan(client.Id, therapist.Id, Activity("soothing-touch", Daily(1))));
        var second = await fhir.CreateAsync(NewCarePlan(client.Id, therapist.Id, Activity("affectionate-breathing", Weekly(2))));
        await fhir.CreateAsync(NewCarePlan(other.Id, therapist.Id, Activity("soothing-touch", Daily(1))));

        var byId = await fhir.SearchAsync<CarePlan>([$"subject=Patient/{client.Id}"]);
        var byIdentifier = await fhir.SearchAsync<CarePlan>(["subject:identifier=MRN-77"]);

        Assert.Equal(Bundle.BundleType.Searchset, byId!.Type);
        Assert.Equal(2, byId.Total);
        Assert.Equal([first!.Id, second!.Id], byId.Entry.Select(e => e.Resource.Id).Order());
        Assert.All(byId.Entry, e => Assert.EndsWith($"/fhir/CarePlan/{e.Resource.Id}", e.FullUrl, StringComparison.Ordinal));
        Assert.Equal(2, byIdentifier!.Total);
    }

    [Fact]
    public async Task Search_by_status_returns_the_plans_in_any_of_the_statuses_named()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var fhir = Integration(api, practice);
        var active = await fhir.CreateAsync(NewCarePlan(client.Id, therapist.Id, Activity("soothing-touch", Daily(1))));
        var paused = await fhir.CreateAsync(NewCarePlan(client.Id, therapist.Id, Activity("affectionate-breathing", Weekly(2))));
        Assert.Equal(HttpStatusCode.OK, (await practice.Admin.PostAsync($"/api/v1/plans/{paused!.Id}/pause", null)).StatusCode);

        async Task<string?[]> IdsAsync(params string[] criteria) =>
            [.. (await fhir.SearchAsync<CarePlan>([$"subject=Patient/{client.Id}", .. criteria]))!.Entry.Select(e => e.Resource.Id).Order()];

        Assert.Equal([active!.Id], await IdsAsync("status=active"));

        // Only the plan listed is read: the audit's newest plan.list entry names it alone.
        var audit = (await (await practice.Admin.GetAsync($"/api/v1/audit?clientId={client.Id}")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        var newestList = audit.TakeWhile(e => e.GetProperty("action").GetString() == "plan.list").ToList();
        Assert.Equal([Guid.Parse(active.Id)], newestList.Select(e => e.GetProperty("resourceId").GetGuid()));
        Assert.Equal([paused.Id], await IdsAsync("status=http://hl7.org/fhir/request-status|on-hold"));
        Assert.Equal(new[] { active.Id, paused.Id }.Order(), await IdsAsync("status=active,on-hold"));
        Assert.Empty(await IdsAsync("status=completed,revoked"));
        Assert.Empty(await IdsAsync("status=active", "status=on-hold"));

        // Codes that name no plan status match nothing, and no plan is read for them.
        async Task<int> PlanReadsAsync() =>
            (await (await practice.Admin.GetAsync($"/api/v1/audit?clientId={client.Id}&limit=100")).ReadJsonAsync()).GetProperty("items")
                .EnumerateArray().Count(e => e.GetProperty("action").GetString() == "plan.list");
        var readsBefore = await PlanReadsAsync();
        Assert.Empty(await IdsAsync("status=entered-in-error,unknown"));
        Assert.Equal(readsBefore, await PlanReadsAsync());

        // The self link shows what the search used, not a parameter it ignored.
        var searched = await fhir.SearchAsync<CarePlan>([$"subject=Patient/{client.Id}", "status=active", "category=assess-plan"]);
        var self = searched!.Link.Single(l => l.Relation == "self").Url;
        Assert.Contains("status=active", self, StringComparison.Ordinal);
        Assert.DoesNotContain("category", self, StringComparison.Ordinal);

        var (status, outcome) = await RawAsync(practice.Integration, HttpMethod.Get, $"/fhir/CarePlan?subject=Patient/{client.Id}&status=actve", null);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(outcome.Issue, issue => issue.Expression.Contains("status") && issue.Diagnostics.Contains("actve", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_practices_care_plan_is_not_found()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var created = await Integration(api, practice).CreateAsync(NewCarePlan(client.Id, therapist.Id, Activity("soothing-touch", Daily(1))));
        var elsewhere = Integration(api, await TestPractice.CreateAsync(api));

        var (status, outcome) = await FailureAsync(() => elsewhere.ReadAsync<CarePlan>($"CarePlan/{created!.Id}"));
        var (searchStatus, _) = (HttpStatusCode.OK, await elsewhere.SearchAsync<CarePlan>([$"subject=Patient/{client.Id}"]));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(OperationOutcome.IssueType.NotFound, Assert.Single(outcome.Issue).Code);
        Assert.Equal(HttpStatusCode.OK, searchStatus);
    }

    [Fact]
    public async Task A_search_for_another_practices_client_is_recorded_as_denied_whatever_statuses_it_names()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        await Integration(api, practice).CreateAsync(NewCarePlan(client.Id, therapist.Id, Activity("soothing-touch", Daily(1))));
        var other = await TestPractice.CreateAsync(api);
        var elsewhere = Integration(api, other);

        foreach (var criteria in new[] { "status=active", "status=entered-in-error,unknown", "status=unknown" })
        {
            var before = await other.DenialsAsync();
            var bundle = await elsewhere.SearchAsync<CarePlan>([$"subject=Patient/{client.Id}", criteria]);
            Assert.Empty(bundle!.Entry);
            Assert.Equal(before + 1, await other.DenialsAsync());
        }
    }

    [Fact]
    public async Task Another_practices_client_matches_no_care_plans()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        await Integration(api, practice).CreateAsync(NewCarePlan(client.Id, therapist.Id, Activity("soothing-touch", Daily(1))));
        var elsewhere = Integration(api, await TestPractice.CreateAsync(api));

        var bundle = await elsewhere.SearchAsync<CarePlan>([$"subject=Patient/{client.Id}"]);

        Assert.Equal(0, bundle!.Total);
    }

    [Fact]
    public async Task A_client_cannot_create_a_care_plan()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var asClient = ClientAs(api, Roles.Client, client.Id.ToString(), practice.Id);

        var (status, outcome) = await FailureAsync(() => asClient.CreateAsync(NewCarePlan(client.Id, therapist.Id, Activity("soothing-touch", Daily(1)))));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(OperationOutcome.IssueType.Forbidden, Assert.Single(outcome.Issue).Code);
    }

    [Fact]
    public async Task A_client_reads_their_own_care_plan()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var created = await Integration(api, practice).CreateAsync(NewCarePlan(client.Id, therapist.Id, Activity("soothing-touch", Daily(1))));

        var read = await ClientAs(api, Roles.Client, client.Id.ToString(), practice.Id).ReadAsync<CarePlan>($"CarePlan/{created!.Id}");

        Assert.Equal(created.Id, read!.Id);
    }

    [Fact]
    public async Task A_therapist_does_not_see_another_therapists_client()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (colleague, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var created = await Integration(api, practice).CreateAsync(NewCarePlan(client.Id, therapist.Id, Activity("soothing-touch", Daily(1))));

        var (status, _) = await FailureAsync(() => ClientAs(api, Roles.Therapist, colleague.Id.ToString(), practice.Id).ReadAsync<CarePlan>($"CarePlan/{created!.Id}"));

        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
