using System.Net;
using System.Net.Http.Headers;
using Clinic.Api.Common.Auth;
using Clinic.Api.Features.Fhir;
using Clinic.Api.Tests.Infrastructure;
using Clinic.Api.Tests.Infrastructure.Contracts;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Api.Tests.Fhir;

/// <summary>
/// Firely FHIR clients against the API in memory, each carrying a token for one identity; every resource they
/// receive is validated against the FHIR R4 specification (<see cref="FhirCheckingHandler"/>).
/// </summary>
internal static class FhirTestKit
{
    public static FhirClient ClientAs(ClinicApiFactory api, string role, string subjectId, Guid? practiceId)
    {
        var token = api.Services.GetRequiredService<TokenIssuer>().Issue(subjectId, role, practiceId).AccessToken;
        var http = new HttpClient(new BearerHandler(token) { InnerHandler = new FhirCheckingHandler { InnerHandler = api.Server.CreateHandler() } }) { BaseAddress = api.Server.BaseAddress };
        return new FhirClient(new Uri(api.Server.BaseAddress, "fhir"), http, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });
    }

    public static FhirClient Integration(ClinicApiFactory api, TestPractice practice) => ClientAs(api, Roles.Integration, $"ehr-{practice.Id:N}", practice.Id);

    /// <summary>A CarePlan as an EHR would post it: active, intent plan, the given activities.</summary>
    public static CarePlan NewCarePlan(Guid clientId, Guid therapistId, params CarePlan.ActivityComponent[] activities) => new()
    {
        Status = RequestStatus.Active,
        Intent = Hl7.Fhir.Model.CarePlan.CarePlanIntent.Plan,
        Subject = new ResourceReference($"Patient/{clientId}"),
        Author = new ResourceReference($"Practitioner/{therapistId}"),
        Period = new Period { Start = "2026-03-02", End = "2026-03-15" },
        Title = "Kindness towards the inner critic",
        Description = "Notice the critic and answer it kindly",
        Activity = [.. activities],
    };

    public static CarePlan.ActivityComponent Activity(string exerciseKey, DataType scheduled, string? instructions = null) => new()
    {
        Detail = new CarePlan.DetailComponent
        {
            Code = new CodeableConcept(CarePlanMapping.ExerciseSystem, exerciseKey),
            Status = Hl7.Fhir.Model.CarePlan.CarePlanActivityStatus.Scheduled,
            Scheduled = scheduled,
            Description = instructions,
        },
    };

    public static Timing Daily(int times, params DaysOfWeek?[] days) => new()
    {
        Repeat = new Timing.RepeatComponent { Frequency = times, Period = 1, PeriodUnit = Timing.UnitsOfTime.D, DayOfWeek = days },
    };

    public static Timing Weekly(int times) => new()
    {
        Repeat = new Timing.RepeatComponent { Frequency = times, Period = 1, PeriodUnit = Timing.UnitsOfTime.Wk },
    };

    public static Timing Once(string date) => new() { EventElement = [new FhirDateTime(date)] };

    /// <summary>Answers to one of the server's Questionnaires as an EHR would post them: item values as valueInteger, in item order.</summary>
    public static QuestionnaireResponse MeasureAnswers(Guid clientId, string measureKey, int[] answers, string authored = "2026-03-10T11:00:00Z") => new()
    {
        Questionnaire = MeasureMapping.QuestionnaireBase + measureKey,
        Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
        Subject = new ResourceReference($"Patient/{clientId}"),
        Authored = authored,
        Item = [.. answers.Select((value, index) => new QuestionnaireResponse.ItemComponent
        {
            LinkId = (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Answer = [new QuestionnaireResponse.AnswerComponent { Value = new Integer(value) }],
        })],
    };

    /// <summary>Runs a FHIR call that must fail and returns its status and OperationOutcome.</summary>
    public static async Task<(HttpStatusCode Status, OperationOutcome Outcome)> FailureAsync(Func<Task> call)
    {
        var failure = await Assert.ThrowsAsync<FhirOperationException>(call);
        Assert.NotNull(failure.Outcome);
        return (failure.Status, failure.Outcome);
    }

    /// <summary>Sends raw text and parses the answer as an OperationOutcome, checking the content type.</summary>
    public static async Task<(HttpStatusCode Status, OperationOutcome Outcome)> RawAsync(HttpClient http, HttpMethod method, string url, string? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/fhir+json");
        }

        var response = await http.SendAsync(request);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var outcome = new FhirJsonDeserializer().Deserialize<OperationOutcome>(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, outcome);
    }

    public static void AssertIssue(OperationOutcome outcome, string expression)
    {
        Assert.True(
            outcome.Issue.Any(i => i.Expression.Contains(expression)),
            $"Expected an issue at {expression}: " + string.Join("; ", outcome.Issue.Select(i => $"{string.Join(",", i.Expression)}: {i.Diagnostics}")));
    }

    private sealed class BearerHandler(string token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
