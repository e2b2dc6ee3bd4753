using System.Text;
using System.Text.Json.Nodes;
using Clinic.Api.Common.Auth;
using Clinic.Api.Tests.Infrastructure;
using Hl7.Fhir.Serialization;
using static Clinic.Api.Tests.Fhir.FhirTestKit;

namespace Clinic.Api.Tests.Fuzzing;

/// <summary>
/// The FHIR façade, which the OpenAPI fuzzer does not reach, sent mutated CarePlans and QuestionnaireResponses and
/// hostile ids and search parameters as an EHR, a therapist, a client and anonymously: no answer is a 5xx, every
/// refusal is an OperationOutcome, and the exception handler never logs an unhandled exception.
/// 600 requests here; FUZZ_REQUESTS and FUZZ_SEED as for <see cref="HostileInputTests"/>.
/// </summary>
public sealed class HostileFhirTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    private const int DefaultSeed = 20261202;

    private static readonly JsonNode?[] Hostile =
    [
        null, "", " ", "\u0000", "😀", "\ud800", "' OR 1=1 --", "../../etc/passwd", new string('x', 70_000), 0, -1, 1e308, 2147483648L,
        true, "2026-02-30", "2026-03-10T25:00:00Z", "0001-01-01", "9999-12-31", "10000-01-01", "2026", "2026-03", "Patient/", "Patient/not-a-guid",
        "Practitioner/00000000-0000-0000-0000-000000000000", "http://other.example/Patient/1", "#contained", new JsonObject(), new JsonArray(),
        new JsonArray(1, "a", null), new JsonObject { ["reference"] = "Patient/x" }, "d", "wk", "h", "mon", "active", "draft", "completed",
    ];

    private static readonly string[] SearchValues =
    [
        "", "x", "%00", "1e309", "-1", "2026-02-30", "ge2026-03-01", "le", "Patient/", "Patient/not-a-guid", "' OR 1=1 --",
        "%E0%A4%A", "2026-03-10T25:00:00Z", "100000", "0", "active,completed", "http://loinc.org|", "|", "😀",
    ];

    private static readonly string[] CarePlanSearch = ["subject", "patient", "subject:identifier", "patient:identifier", "status", "_format", "unknown"];

    /// <summary>
    /// Issue texts quote what the caller sent (the parser quotes a value it could not read, a search names the
    /// parameter it does not know); a control character in one would make the OperationOutcome invalid FHIR.
    /// </summary>
    [Fact]
    public async Task Issue_texts_that_quote_the_request_are_valid_fhir_strings()
    {
        var (_, therapistId, _, clientId, _, ehr) = await WorldAsync();
        var body = new FhirJsonSerializer().SerializeToString(NewCarePlan(clientId, therapistId, Activity("soothing-touch", Daily(1))))
            .Replace("\"frequency\":1", "\"frequency\":\"" + new string('9', 5000) + "\"", StringComparison.Ordinal);

        var (longStatus, longOutcome) = await RawAsync(ehr, HttpMethod.Post, "/fhir/CarePlan", body);
        using var search = new HttpRequestMessage(HttpMethod.Get, $"/fhir/CarePlan?subject=Patient/{clientId}&odd%00%1Bname=1");
        search.Headers.Add("Prefer", "handling=strict");
        using var searched = await ehr.SendAsync(search);
        var (searchStatus, searchOutcome) = (searched.StatusCode, new FhirJsonDeserializer().Deserialize<Hl7.Fhir.Model.OperationOutcome>(await searched.Content.ReadAsStringAsync()));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, longStatus);
        AssertIssue(longOutcome, "CarePlan.activity[0].detail.scheduled.repeat.frequency");
        Assert.All(longOutcome.Issue, issue => Assert.True(issue.Diagnostics is { Length: <= 1001 }));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, searchStatus);
        Assert.Contains(searchOutcome.Issue, issue => issue.Expression.Contains("odd\uFFFD\uFFFDname"));
    }

    /// <summary>A NUL in a code reached the database, which cannot store it, and was answered 503 as if the database were away.</summary>
    [Fact]
    public async Task A_control_character_in_any_string_is_a_400_at_its_element()
    {
        var (_, therapistId, _, clientId, _, ehr) = await WorldAsync();
        var body = new FhirJsonSerializer().SerializeToString(NewCarePlan(clientId, therapistId, Activity("soothing-touch", Daily(1)), Activity("compassionate-letter", Weekly(1))))
            .Replace("\"compassionate-letter\"", "\"compassionate-letter\\u0000\"", StringComparison.Ordinal)
            .Replace("\"Kindness towards the inner critic\"", "\"Kindness\\u0007\"", StringComparison.Ordinal);

        var (status, outcome) = await RawAsync(ehr, HttpMethod.Post, "/fhir/CarePlan", body);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, status);
        AssertIssue(outcome, "CarePlan.activity[1].detail.code.coding[0].code");
        AssertIssue(outcome, "CarePlan.title");
        Assert.DoesNotContain(api.Logs.Lines, line => line.Contains("22021", StringComparison.Ordinal));

        // JSON's short escapes for a backspace or a form feed are control characters too.
        var shortEscape = body.Replace("\"compassionate-letter\\u0000\"", "\"compassionate-letter\"", StringComparison.Ordinal)
            .Replace("\"Kindness\\u0007\"", "\"Kindness\\f\"", StringComparison.Ordinal);
        var (escapeStatus, escapeOutcome) = await RawAsync(ehr, HttpMethod.Post, "/fhir/CarePlan", shortEscape);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, escapeStatus);
        AssertIssue(escapeOutcome, "CarePlan.title");
        Assert.DoesNotContain("\\u00", shortEscape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_fhir_requests_never_get_a_server_error()
    {
        var (practice, therapistId, therapistApi, clientId, app, ehr) = await WorldAsync();
        var plan = (await Integration(api, practice).CreateAsync(NewCarePlan(clientId, therapistId, Activity("soothing-touch", Daily(1)), Activity("compassionate-letter", Weekly(1)))))!;
        var serializer = new FhirJsonSerializer();
        var carePlan = JsonNode.Parse(serializer.SerializeToString(plan))!;
        var answers = JsonNode.Parse(serializer.SerializeToString(MeasureAnswers(clientId, "gad-7", [1, 2, 0, 3, 1, 0, 2])))!;
        var ids = new[] { plan.Id!, clientId.ToString(), Guid.NewGuid().ToString(), "not-a-guid", "%00", new string('9', 300) };
        var callers = new[] { ehr, ehr, therapistApi, app, api.Anonymous() };

        var random = new Random(HostileRequests.Seed(DefaultSeed));
        var count = HostileRequests.RequestCount(600);
        var run = new FuzzRun(api.Logs);
        for (var i = 0; i < count; i++)
        {
            using var request = Next(random, carePlan, answers, ids, clientId);
            var description = $"{request.Method} {request.RequestUri}";
            using var response = await callers[i % callers.Length].SendAsync(request);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            run.Record(i, description, status, body);
            if (status is >= 400 and < 500 and not 401 && !body.Contains("\"OperationOutcome\"", StringComparison.Ordinal))
            {
                run.Fail(i, description, $"{status} without an OperationOutcome: {body[..Math.Min(body.Length, 300)]}");
            }
        }

        run.AssertClean($"fhir fuzz: {count} requests");
        Assert.Contains(run.Statuses.Keys, status => status is 400 or 422);
    }

    /// <summary>A practice with a therapist and a client, and an HTTP client for each of them and for the practice's EHR.</summary>
    private async Task<FhirWorld> WorldAsync()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        return new FhirWorld(practice, therapist.Id, therapistApi, client.Id, app, api.ClientAs(Roles.Integration, $"ehr-{practice.Id:N}", practice.Id));
    }

    private sealed record FhirWorld(TestPractice Practice, Guid TherapistId, HttpClient TherapistApi, Guid ClientId, HttpClient App, HttpClient Ehr);

    private static HttpRequestMessage Next(Random random, JsonNode carePlan, JsonNode answers, string[] ids, Guid clientId)
    {
        var id = Uri.EscapeDataString(ids[random.Next(ids.Length)]);
        string Search() => Uri.EscapeDataString(SearchValues[random.Next(SearchValues.Length)]);
        return random.Next(9) switch
        {
            0 => Send(HttpMethod.Post, "/fhir/CarePlan", Mutate(random, carePlan)),
            1 => Send(HttpMethod.Put, $"/fhir/CarePlan/{id}", Mutate(random, carePlan)),
            2 => Send(HttpMethod.Post, "/fhir/QuestionnaireResponse", Mutate(random, answers)),
            3 => Send(HttpMethod.Post, "/fhir/CarePlan", Broken(random, carePlan)),
            4 => Send(HttpMethod.Get, $"/fhir/CarePlan?{CarePlanSearch[random.Next(CarePlanSearch.Length)]}={Search()}&_count={Search()}", null),
            5 => Send(HttpMethod.Get, $"/fhir/Observation?subject={(random.Next(2) == 0 ? $"Patient/{clientId}" : Search())}&code={Search()}&asOf={Search()}", null),
            6 => Send(HttpMethod.Get, $"/fhir/CarePlan/{id}/$adherence-summary?asOf={Search()}&from={Search()}", null),
            7 => Send(HttpMethod.Get, random.Next(4) switch
            {
                0 => $"/fhir/CarePlan/{id}",
                1 => $"/fhir/Observation/{id}",
                2 => $"/fhir/Questionnaire/{id}",
                _ => $"/fhir/QuestionnaireResponse/{id}",
            }, null),
            _ => Send(HttpMethod.Get, $"/fhir/Questionnaire?url={Search()}&name={Search()}", null),
        };
    }

    private static HttpRequestMessage Send(HttpMethod method, string url, string? body)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/fhir+json");
        }

        return request;
    }

    /// <summary>The resource with one to three of its elements replaced by a hostile value or removed.</summary>
    private static string Mutate(Random random, JsonNode resource)
    {
        var copy = resource.DeepClone();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var elements = Elements(copy).ToList();
            var (parent, key) = elements[random.Next(elements.Count)];
            var value = Hostile[random.Next(Hostile.Length)]?.DeepClone();
            switch (parent)
            {
                case JsonObject obj when random.Next(5) == 0:
                    obj.Remove((string)key);
                    break;
                case JsonObject obj:
                    obj[(string)key] = value;
                    break;
                case JsonArray array:
                    array[(int)key] = value;
                    break;
            }
        }

        return copy.ToJsonString();
    }

    /// <summary>Text that is not a resource: cut short, deeply nested, of another type, or not JSON.</summary>
    private static string Broken(Random random, JsonNode resource)
    {
        var text = resource.ToJsonString();
        return random.Next(5) switch
        {
            0 => text[..random.Next(text.Length)],
            1 => string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200),
            2 => text.Replace("\"CarePlan\"", "\"Patient\"", StringComparison.Ordinal),
            3 => text.Replace("\"resourceType\":\"CarePlan\",", "", StringComparison.Ordinal),
            _ => "<CarePlan xmlns=\"http://hl7.org/fhir\"/>",
        };
    }

    private static IEnumerable<(JsonNode Parent, object Key)> Elements(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (key != "resourceType")
                    {
                        yield return (obj, key);
                    }

                    if (child is not null)
                    {
                        foreach (var inner in Elements(child))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return (array, i);
                    if (array[i] is { } child)
                    {
                        foreach (var inner in Elements(child))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
        }
    }
}
