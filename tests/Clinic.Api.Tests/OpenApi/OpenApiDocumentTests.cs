using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.OpenApi;

public sealed class OpenApiDocumentTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    public static readonly TheoryData<string, string> Endpoints = new()
    {
        { "post", "/api/v1/practices" },
        { "post", "/api/v1/therapists" },
        { "get", "/api/v1/therapists" },
        { "get", "/api/v1/therapists/{therapistId}" },
        { "post", "/api/v1/clients" },
        { "get", "/api/v1/clients" },
        { "get", "/api/v1/clients/{clientId}" },
        { "patch", "/api/v1/clients/{clientId}" },
        { "get", "/api/v1/exercises" },
        { "post", "/api/v1/exercises" },
        { "post", "/api/v1/clients/{clientId}/plans" },
        { "get", "/api/v1/clients/{clientId}/plans" },
        { "get", "/api/v1/plans/{planId}" },
        { "patch", "/api/v1/plans/{planId}" },
        { "post", "/api/v1/plans/{planId}/activate" },
        { "post", "/api/v1/plans/{planId}/pause" },
        { "post", "/api/v1/plans/{planId}/resume" },
        { "post", "/api/v1/plans/{planId}/complete" },
        { "post", "/api/v1/plans/{planId}/cancel" },
        { "post", "/api/v1/plans/{planId}/assignments" },
        { "patch", "/api/v1/plans/{planId}/assignments/{assignmentId}" },
        { "get", "/api/v1/me/plans" },
        { "post", "/api/v1/assignments/{assignmentId}/completions" },
        { "get", "/api/v1/assignments/{assignmentId}/completions" },
        { "post", "/api/v1/assignments/{assignmentId}/skips" },
        { "get", "/api/v1/clients/{clientId}/timeline" },
        { "get", "/api/v1/me/timeline" },
        { "get", "/api/v1/me/reminders" },
        { "get", "/api/v1/me/reminder-preferences" },
        { "put", "/api/v1/me/reminder-preferences" },
    };

    public static readonly TheoryData<string, string> WritesWithBodies = new()
    {
        { "post", "/api/v1/practices" },
        { "post", "/api/v1/therapists" },
        { "post", "/api/v1/clients" },
        { "patch", "/api/v1/clients/{clientId}" },
        { "post", "/api/v1/exercises" },
        { "post", "/api/v1/clients/{clientId}/plans" },
        { "patch", "/api/v1/plans/{planId}" },
        { "post", "/api/v1/plans/{planId}/assignments" },
        { "patch", "/api/v1/plans/{planId}/assignments/{assignmentId}" },
        { "post", "/api/v1/assignments/{assignmentId}/completions" },
        { "post", "/api/v1/assignments/{assignmentId}/skips" },
        { "put", "/api/v1/me/reminder-preferences" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_endpoint_is_documented_with_a_summary(string method, string path)
    {
        var operation = await OperationAsync(method, path);

        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{method} {path} has no summary");
    }

    [Theory]
    [MemberData(nameof(WritesWithBodies))]
    public async Task Every_write_documents_its_request_schema_and_a_400_problem(string method, string path)
    {
        var document = await DocumentAsync();
        var operation = Operation(document, method, path);

        var schema = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var resolved = Resolve(document, schema);
        Assert.True(resolved.TryGetProperty("properties", out var properties) && properties.EnumerateObject().Any(), $"{method} {path} has an empty request schema");
        var badRequest = operation.GetProperty("responses").GetProperty("400");
        Assert.True(badRequest.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{method} {path} documents no 400 problem");
    }

    [Theory]
    [InlineData("get", "/api/v1/clients/{clientId}")]
    [InlineData("get", "/api/v1/plans/{planId}")]
    [InlineData("post", "/api/v1/clients/{clientId}/plans")]
    [InlineData("post", "/api/v1/assignments/{assignmentId}/completions")]
    [InlineData("post", "/api/v1/plans/{planId}/pause")]
    public async Task Endpoints_on_an_object_document_the_404_problem(string method, string path)
    {
        var operation = await OperationAsync(method, path);

        Assert.True(operation.GetProperty("responses").GetProperty("404").GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    [Theory]
    [InlineData("/api/v1/clients/{clientId}/plans", "startDate")]
    [InlineData("/api/v1/assignments/{assignmentId}/completions", "completedAt")]
    [InlineData("/api/v1/assignments/{assignmentId}/skips", "reason")]
    public async Task Plan_creation_completion_and_skip_submission_carry_a_request_example(string path, string property)
    {
        var operation = await OperationAsync("post", path);

        var media = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        Assert.True(media.TryGetProperty("example", out var example), $"POST {path} has no request example");
        Assert.True(example.TryGetProperty(property, out _));
    }

    private async Task<JsonElement> DocumentAsync()
    {
        var response = await api.Anonymous().GetAsync("/swagger/v1/swagger.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private async Task<JsonElement> OperationAsync(string method, string path) => Operation(await DocumentAsync(), method, path);

    private static JsonElement Operation(JsonElement document, string method, string path)
    {
        Assert.True(document.GetProperty("paths").TryGetProperty(path, out var item), $"{path} is not in the document");
        Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} is not in the document");
        return operation;
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        if (!schema.TryGetProperty("$ref", out var reference))
        {
            return schema;
        }

        var name = reference.GetString()!.Split('/')[^1];
        return document.GetProperty("components").GetProperty("schemas").GetProperty(name);
    }
}
