// Compiled at test time against the client NSwag generates from the served OpenAPI document (GeneratedClient), so
// every type and method here is the generated one: if the document changes in a way that breaks generated
// clients, this stops compiling and the test says so.
using System;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace Clinic.Client.Flows;

/// <summary>
/// The core flow, as a client-app or EHR developer writes it with the generated client: a practice's admin adds a
/// therapist and a client and assigns a plan; the client's app logs a practice with an Idempotency-Key and retries
/// it; the therapist reads the adherence summary; bad input comes back as a typed problem.
/// </summary>
public static class CoreFlow
{
    public static async Task RunAsync(Func<string, string, Guid?, HttpClient> clientAs)
    {
        var practice = await new ClinicApiClient(clientAs("operator", "operator-1", null))
            .CreatePracticeAsync(new CreatePracticeCommand { Name = "Riverside Practice", TimeZone = "America/New_York" });
        var admin = new ClinicApiClient(clientAs("admin", "admin-1", practice.Id));

        var therapist = await admin.CreateTherapistAsync(new CreateTherapistCommand { DisplayName = "Dr. Rivera", Email = "rivera@example.org" });
        var client = await admin.CreateClientAsync(new CreateClientCommand
        {
            DisplayName = "R. Example",
            TimeZone = "America/New_York",
            PrimaryTherapistId = therapist.Id,
        });
        var plan = await admin.AssignPlanAsync(client.Id, new AssignPlanCommand
        {
            Title = "Kindness towards the inner critic",
            StartDate = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero),
            EndDate = new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.Zero),
            Assignments =
            [
                new AssignmentRequest { ExerciseKey = "self-compassion-break", Schedule = new ScheduleModel { Kind = ScheduleKind.Daily, TimesPerDay = 1 } },
            ],
        });
        Assert.Equal(PlanStatus.Active, plan.Status);
        var assignment = Assert.Single(plan.Assignments);

        var app = new ClinicApiClient(clientAs("client", client.Id.ToString(), practice.Id));
        var key = Guid.NewGuid().ToString();
        var practised = new SubmitCompletionCommand
        {
            CompletedAt = new DateTimeOffset(2026, 3, 9, 22, 30, 0, TimeSpan.FromHours(-4)),
            DurationMinutes = 6,
            DistressBefore = 7,
            DistressAfter = 4,
            Helpfulness = 8,
            Reflection = "Putting a hand on my chest helped.",
            ShareWithTherapist = true,
        };
        var completion = await app.SubmitCompletionAsync(assignment.Id, key, practised);
        var retried = await app.SubmitCompletionAsync(assignment.Id, key, practised);
        Assert.Equal(completion.Id, retried.Id);

        var summary = await admin.GetPlanAdherenceAsync(plan.Id, "2026-03-10T12:00:00Z", null);
        Assert.Equal(plan.Id, summary.PlanId);
        Assert.Equal(1, summary.Credited);
        Assert.Equal(1, summary.Quality.Completions);
        Assert.Null(summary.Trend);
        Assert.Equal(0, summary.Skips.No_time);
        Assert.Contains(summary.ReflectionsShared, r => r.CompletionId == completion.Id);

        var refused = await Assert.ThrowsAsync<ApiException<HttpValidationProblemDetails>>(() => admin.CreateClientAsync(new CreateClientCommand
        {
            DisplayName = "",
            TimeZone = "Mars/Olympus",
            PrimaryTherapistId = therapist.Id,
        }));
        Assert.Equal(400, refused.StatusCode);
        Assert.Contains("timeZone", refused.Result.Errors.Keys);
        Assert.Contains("displayName", refused.Result.Errors.Keys);
    }
}
