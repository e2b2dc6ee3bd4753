// FHIR model properties are all nullable; the assertions are the null checks.
#nullable disable warnings

using System.Net;
using Clinic.Api.Features.Fhir;
using Clinic.Api.Tests.Infrastructure;
using Clinic.Api.Tests.Infrastructure.Contracts;
using Clinic.Api.Tests.Measures;
using Hl7.Fhir.Model;
using static Clinic.Api.Tests.Fhir.FhirTestKit;
using Task = System.Threading.Tasks.Task;

namespace Clinic.Api.Tests.Fhir;

/// <summary>
/// The outcome measures in FHIR: each instrument is a valid Questionnaire, an EHR's QuestionnaireResponse is validated
/// and scored exactly like the client app's answers, and scores come out as valid Observations coded with LOINC where
/// one exists.
/// </summary>
public sealed class MeasureFhirTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Theory]
    [InlineData("scs-sf", 12, 5)]
    [InlineData("phq-9", 9, 4)]
    [InlineData("gad-7", 7, 4)]
    public async Task Each_instrument_is_a_valid_Questionnaire_with_its_items_and_answer_options(string key, int items, int options)
    {
        var world = await MeasureWorld.CreateAsync(api);
        var fhir = Integration(api, world.Practice);

        var questionnaire = await fhir.ReadAsync<Questionnaire>($"Questionnaire/{key}");

        FhirSpecification.AssertValid(questionnaire);
        Assert.Equal(MeasureMapping.QuestionnaireBase + key, questionnaire.Url);
        Assert.Equal(items, questionnaire.Item.Count);
        Assert.All(questionnaire.Item, item => Assert.Equal(options, item.AnswerOption.Count));
        Assert.All(questionnaire.Item, item => Assert.True(item.Required));
    }

    [Fact]
    public async Task The_PHQ9_Questionnaire_uses_the_LOINC_answer_codes()
    {
        var world = await MeasureWorld.CreateAsync(api);

        var questionnaire = await Integration(api, world.Practice).ReadAsync<Questionnaire>("Questionnaire/phq-9");

        var codings = questionnaire.Item[8].AnswerOption.Select(o => (Coding)o.Value).ToList();
        Assert.Equal(["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"], codings.Select(c => c.Code));
        Assert.All(codings, c => Assert.Equal("http://loinc.org", c.System));
        Assert.Equal("Thoughts that you would be better off dead or of hurting yourself in some way", questionnaire.Item[8].Text);
    }

    [Fact]
    public async Task An_EHRs_QuestionnaireResponse_is_scored_like_the_apps_answers_and_comes_back_valid()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var fhir = Integration(api, world.Practice);

        var created = await fhir.CreateAsync(MeasureAnswers(world.ClientId, "scs-sf", [1, 5, 5, 1, 5, 5, 5, 1, 1, 5, 1, 1]));
        var observation = await fhir.ReadAsync<Observation>($"Observation/{created.Id}");
        var app = await world.AnsweredAsync("scs-sf", [1, 5, 5, 1, 5, 5, 5, 1, 1, 5, 1, 1]);

        FhirSpecification.AssertValid(created);
        FhirSpecification.AssertValid(observation);
        Assert.Equal(["1", "5"], created.Item.Take(2).Select(i => ((Coding)i.Answer[0].Value).Code));
        Assert.Equal(5m, ((Quantity)observation.Value).Value);
        Assert.Equal((decimal)app.GetProperty("score").GetDouble(), ((Quantity)observation.Value).Value);
        Assert.Equal("high", observation.Interpretation[0].Coding[0].Code);
        Assert.Equal(AdherenceObservationMapping.ObservationSystem, observation.Code.Coding[0].System);
        Assert.Equal(MeasureMapping.ScsSfScoreCode, observation.Code.Coding[0].Code);
        var mine = await (await world.App.GetAsync("/api/v1/me/measures/scs-sf/responses")).ReadAsync<System.Text.Json.JsonElement[]>();
        Assert.Equal(["staff", "client"], mine.Select(r => r.GetProperty("source").GetString()));
        var series = await world.SeriesAsync("scs-sf");
        Assert.Equal(["staff", "client"], series.GetProperty("series").EnumerateArray().Select(p => p.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task Answers_as_LOINC_codings_are_taken_and_PHQ9_scores_are_found_by_their_LOINC_code()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var fhir = Integration(api, world.Practice);
        var answers = MeasureAnswers(world.ClientId, "phq-9", [3, 3, 2, 2, 1, 1, 0, 0, 0]);
        foreach (var item in answers.Item)
        {
            var value = ((Integer)item.Answer[0].Value).Value!.Value;
            item.Answer[0].Value = new Coding("http://loinc.org", new[] { "LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9" }[value]);
        }

        await fhir.CreateAsync(answers);
        await fhir.CreateAsync(MeasureAnswers(world.ClientId, "gad-7", [1, 1, 1, 1, 1, 1, 1]));
        var phq9 = await fhir.SearchAsync<Observation>([$"subject=Patient/{world.ClientId}", "code=http://loinc.org|44261-6"]);
        var all = await fhir.SearchAsync<Observation>([$"subject=Patient/{world.ClientId}"]);

        FhirSpecification.AssertValid(phq9);
        var score = (Observation)Assert.Single(phq9.Entry).Resource;
        Assert.Equal(12m, ((Quantity)score.Value).Value);
        Assert.Equal("moderate", score.Interpretation[0].Coding[0].Code);
        Assert.Equal("44261-6", score.Code.Coding[0].Code);
        Assert.Equal($"http://localhost/fhir/Observation/{score.Id}", Assert.Single(phq9.Entry).FullUrl);
        Assert.Equal(2, all.Entry.Count);
    }

    [Fact]
    public async Task A_missing_item_is_a_422_naming_the_items()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var answers = MeasureAnswers(world.ClientId, "gad-7", [1, 1, 1, 1, 1, 1, 1]);
        answers.Item.RemoveAt(3);

        var (status, outcome) = await FailureAsync(() => Integration(api, world.Practice).CreateAsync(answers));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        FhirSpecification.AssertValid(outcome);
        AssertIssue(outcome, "QuestionnaireResponse.item");
        Assert.Contains(outcome.Issue, i => i.Diagnostics.Contains("Item 4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_answer_out_of_range_is_named_by_its_element()
    {
        var world = await MeasureWorld.CreateAsync(api);

        var (status, outcome) = await FailureAsync(() => Integration(api, world.Practice).CreateAsync(MeasureAnswers(world.ClientId, "phq-9", [1, 1, 1, 4, 1, 1, 1, 1, 0])));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertIssue(outcome, "QuestionnaireResponse.item[3].answer[0]");
    }

    [Theory]
    [InlineData("https://example.org/Questionnaire/phq-9", "QuestionnaireResponse.questionnaire")]
    [InlineData(MeasureMapping.QuestionnaireBase + "bdi-ii", "QuestionnaireResponse.questionnaire")]
    public async Task A_questionnaire_that_is_not_ours_is_a_422(string canonical, string expression)
    {
        var world = await MeasureWorld.CreateAsync(api);
        var answers = MeasureAnswers(world.ClientId, "phq-9", [0, 0, 0, 0, 0, 0, 0, 0, 0]);
        answers.Questionnaire = canonical;

        var (status, outcome) = await FailureAsync(() => Integration(api, world.Practice).CreateAsync(answers));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertIssue(outcome, expression);
    }

    [Fact]
    public async Task An_answer_time_in_the_future_is_a_422_naming_authored()
    {
        var world = await MeasureWorld.CreateAsync(api);

        var (status, outcome) = await FailureAsync(() => Integration(api, world.Practice).CreateAsync(MeasureAnswers(world.ClientId, "gad-7", [0, 0, 0, 0, 0, 0, 0], "2026-03-11T12:00:00Z")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertIssue(outcome, "QuestionnaireResponse.authored");
    }

    [Fact]
    public async Task A_client_may_post_their_own_answers_but_not_anothers_and_an_unseen_client_is_not_found()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var (other, _) = await world.AnotherClientAsync();
        var client = ClientAs(api, Clinic.Api.Common.Auth.Roles.Client, world.ClientId.ToString(), world.Practice.Id);
        var otherPractice = await TestPractice.CreateAsync(api);

        var own = await client.CreateAsync(MeasureAnswers(world.ClientId, "gad-7", [0, 0, 0, 0, 0, 0, 0]));
        var (forOther, _) = await FailureAsync(() => client.CreateAsync(MeasureAnswers(other, "gad-7", [0, 0, 0, 0, 0, 0, 0])));
        var (fromAnotherPractice, _) = await FailureAsync(() => Integration(api, otherPractice).CreateAsync(MeasureAnswers(world.ClientId, "gad-7", [0, 0, 0, 0, 0, 0, 0])));

        Assert.NotNull(own.Id);
        Assert.Equal(HttpStatusCode.NotFound, forOther);
        Assert.Equal(HttpStatusCode.NotFound, fromAnotherPractice);
    }

    [Fact]
    public async Task A_QuestionnaireResponse_reads_back_as_posted()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var fhir = Integration(api, world.Practice);
        var created = await fhir.CreateAsync(MeasureAnswers(world.ClientId, "gad-7", [0, 1, 2, 3, 0, 1, 2], "2026-03-09T19:30:00-04:00"));

        var read = await fhir.ReadAsync<QuestionnaireResponse>($"QuestionnaireResponse/{created.Id}");

        FhirSpecification.AssertValid(read);
        Assert.Equal(MeasureMapping.QuestionnaireBase + "gad-7", read.Questionnaire);
        Assert.Equal($"Patient/{world.ClientId}", read.Subject.Reference);
        Assert.Equal(["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9", "LA6568-5", "LA6569-3", "LA6570-1"], read.Item.Select(i => ((Coding)i.Answer[0].Value).Code));
        Assert.Equal(DateTimeOffset.Parse("2026-03-09T23:30:00Z", System.Globalization.CultureInfo.InvariantCulture), new FhirDateTime(read.Authored).ToDateTimeOffset(TimeSpan.Zero));
    }
}
