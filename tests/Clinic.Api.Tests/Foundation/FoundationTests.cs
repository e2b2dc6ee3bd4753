using System.Net;
using System.Text.Json;
using Clinic.Api.Common.Auth;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Foundation;

public sealed class FoundationTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Live_health_answers_without_a_token()
    {
        var response = await api.Anonymous().GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_health_checks_the_migrated_database()
    {
        var response = await api.Anonymous().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_document_parses_and_lists_the_exercise_library()
    {
        var response = await api.Anonymous().GetAsync("/swagger/v1/swagger.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.ReadJsonAsync();
        Assert.Equal("Clinic API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(document.GetProperty("info").GetProperty("description").GetString()));
        var exercises = document.GetProperty("paths").GetProperty("/api/v1/exercises");
        Assert.True(exercises.TryGetProperty("get", out var get));
        Assert.False(string.IsNullOrEmpty(get.GetProperty("summary").GetString()));
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _));
    }

    [Fact]
    public async Task Swagger_ui_is_served()
    {
        var response = await api.Anonymous().GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Exercise_library_holds_the_built_in_self_compassion_practices()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (_, therapist) = await practice.AddTherapistAsync();

        var exercises = await (await therapist.GetAsync("/api/v1/exercises")).ReadAsync<JsonElement[]>();

        var keys = exercises.Select(e => e.GetProperty("key").GetString()).ToHashSet();
        foreach (var key in new[]
        {
            "self-compassion-break", "affectionate-breathing", "soothing-touch", "loving-kindness-for-ourselves",
            "compassionate-letter", "self-compassion-journal", "compassionate-body-scan", "how-would-i-treat-a-friend",
        })
        {
            Assert.Contains(key, keys);
        }

        Assert.All(exercises, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("title").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("summary").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("instructions").GetString()));
            Assert.InRange(e.GetProperty("defaultMinutes").GetInt32(), 1, 240);
        });
    }

    [Fact]
    public async Task Api_refuses_callers_without_a_token_with_a_problem()
    {
        var response = await api.Anonymous().GetAsync("/api/v1/exercises");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_naming_the_field()
    {
        var practice = await TestPractice.CreateAsync(api);
        var response = await practice.Admin.PostJsonAsync("/api/v1/exercises", """{"key": "my-practice", "title": "T", "summary": "S", "instructions": "I", "defaultMinutes": "ten"}""");
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "defaultMinutes");
    }

    [Fact]
    public async Task Body_that_is_not_json_is_a_400_problem()
    {
        var practice = await TestPractice.CreateAsync(api);
        var response = await practice.Admin.PostJsonAsync("/api/v1/exercises", "{not json");
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Dev_token_endpoint_does_not_exist_unless_enabled()
    {
        var response = await api.Anonymous().PostJsonAsync("/api/v1/dev/tokens", new { role = Roles.Admin, subjectId = "x", practiceId = Guid.NewGuid() });
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized, $"got {(int)response.StatusCode}");
    }

    /// <summary>A client developer who mistypes an address or a method learns which, and where the operations are listed.</summary>
    [Theory]
    [InlineData("GET", "/api/v1/exercise", HttpStatusCode.NotFound, "There is no operation at GET /api/v1/exercise.")]
    [InlineData("DELETE", "/api/v1/exercises", HttpStatusCode.MethodNotAllowed, "/api/v1/exercises does not take DELETE.")]
    public async Task An_address_or_method_without_an_operation_is_a_problem_that_says_so(string method, string url, HttpStatusCode status, string detail)
    {
        using var response = await api.Server.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.StartsWith(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("/swagger/v1/swagger.json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.TryGetProperty("traceId", out _));
    }

    /// <summary>An id in the path that is not a UUID is the caller's mistake in a named parameter, not a missing address.</summary>
    [Theory]
    [InlineData("GET", "/api/v1/plans/not-a-uuid/adherence", "planId", "planId must be a UUID")]
    [InlineData("GET", "/api/v1/clients/12345", "clientId", "clientId must be a UUID")]
    [InlineData("POST", "/api/v1/webhooks/{webhook}/deliveries/first/replay", "deliveryId", "deliveryId must be a whole number")]
    public async Task A_malformed_id_in_the_path_is_a_400_naming_the_parameter(string method, string url, string field, string message)
    {
        var practice = await TestPractice.CreateAsync(api);
        using var request = new HttpRequestMessage(new HttpMethod(method), url.Replace("{webhook}", Guid.NewGuid().ToString(), StringComparison.Ordinal));
        using var response = await practice.Admin.SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.StartsWith(message, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_id_from_a_caller_without_a_token_is_refused_before_it_is_read()
    {
        using var response = await api.Anonymous().GetAsync("/api/v1/plans/not-a-uuid/adherence");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_address_outside_the_api_is_a_plain_404_problem()
    {
        using var response = await api.Server.CreateClient().GetAsync(new Uri("/nowhere", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.False(problem.TryGetProperty("detail", out _), problem.ToString());
    }
}
