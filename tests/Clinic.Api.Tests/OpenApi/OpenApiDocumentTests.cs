using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Clinic.Api.Tests.OpenApi;

public sealed partial class OpenApiDocumentTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    public static readonly TheoryData<string, string> Endpoints = new()
    {
        { "post", "/api/v1/practices" },
        { "get", "/api/v1/practices/{practiceId}" },
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
        { "get", "/api/v1/assignments/{assignmentId}/skips/{skipId}" },
        { "get", "/api/v1/clients/{clientId}/measure-schedules/{scheduleId}" },
        { "get", "/api/v1/me/measures/{measureKey}/responses/{responseId}" },
        { "get", "/api/v1/integrations/{clientId}" },
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
    [InlineData("get", "/api/v1/practices/{practiceId}")]
    [InlineData("get", "/api/v1/assignments/{assignmentId}/skips/{skipId}")]
    [InlineData("get", "/api/v1/clients/{clientId}/measure-schedules/{scheduleId}")]
    [InlineData("get", "/api/v1/me/measures/{measureKey}/responses/{responseId}")]
    [InlineData("get", "/api/v1/integrations/{clientId}")]
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

    [Fact]
    public async Task Every_operation_has_a_unique_readable_operation_id()
    {
        var ids = Operations(await DocumentAsync()).Select(o => o.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : null).ToList();

        Assert.All(ids, id => Assert.True(id is not null && OperationId().IsMatch(id), $"'{id}' is not a camelCase verbNoun operationId"));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task The_document_names_its_server_licence_and_every_tag_it_uses()
    {
        var document = await DocumentAsync();

        Assert.Equal("http://localhost", document.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.False(string.IsNullOrWhiteSpace(document.GetProperty("info").GetProperty("license").GetProperty("name").GetString()));
        var described = document.GetProperty("tags").EnumerateArray()
            .Where(t => !string.IsNullOrWhiteSpace(t.TryGetProperty("description", out var d) ? d.GetString() : null))
            .Select(t => t.GetProperty("name").GetString())
            .ToHashSet();
        var used = Operations(document).SelectMany(o => o.Operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString())).ToHashSet();
        Assert.Subset(described, used);
    }

    /// <summary>
    /// The API honours an Idempotency-Key on every PATCH and DELETE as on a POST (and answers 422 to a reused key), so
    /// a generated client must be able to send it, and must send it where it is required.
    /// </summary>
    [Theory]
    [InlineData("patch", "/api/v1/clients/{clientId}", false)]
    [InlineData("patch", "/api/v1/webhooks/{webhookId}", false)]
    [InlineData("delete", "/api/v1/webhooks/{webhookId}", false)]
    [InlineData("delete", "/api/v1/integrations/{clientId}", false)]
    [InlineData("patch", "/api/v1/me/completions/{completionId}", true)]
    [InlineData("delete", "/api/v1/me/completions/{completionId}/reflection", true)]
    public async Task Patches_and_deletes_document_the_idempotency_key_and_its_422(string method, string path, bool required)
    {
        var operation = await OperationAsync(method, path);

        var key = operation.GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header");
        Assert.Equal(required, key.TryGetProperty("required", out var isRequired) && isRequired.GetBoolean());
        Assert.True(operation.GetProperty("responses").GetProperty("422").GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    [Fact]
    public async Task Every_patch_and_delete_of_the_api_documents_the_idempotency_key()
    {
        var missing = Operations(await DocumentAsync())
            .Where(o => o.Method is "patch" or "delete" && o.Path.StartsWith("/api/v1/", StringComparison.Ordinal))
            .Where(o => !o.Operation.TryGetProperty("parameters", out var parameters)
                || !parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "Idempotency-Key"))
            .Select(o => $"{o.Method} {o.Path}")
            .ToList();

        Assert.Empty(missing);
    }

    /// <summary>Two templates that one URL could match (Redocly's no-ambiguous-paths): a client could not tell which operation it calls.</summary>
    [Fact]
    public async Task No_two_paths_can_match_the_same_url()
    {
        var paths = (await DocumentAsync()).GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        var ambiguous = paths.SelectMany((a, i) => paths.Skip(i + 1).Where(b => Ambiguous(a, b)).Select(b => $"{a} ~ {b}")).ToList();

        Assert.Empty(ambiguous);
    }

    [Fact]
    public async Task Every_error_status_is_documented_as_a_problem()
    {
        var missing = new List<string>();
        foreach (var (method, path, operation) in Operations(await DocumentAsync()))
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                if (!response.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out _))
                {
                    missing.Add($"{method} {path} {response.Name}");
                }
            }
        }

        Assert.Empty(missing);
    }

    /// <summary>
    /// The document as served to https://clinic.example, written to artifacts/openapi/v1.json for the linter that CI
    /// runs after the tests (tools/openapi-lint).
    /// </summary>
    [Fact]
    public async Task The_served_document_is_written_for_the_linter()
    {
        var client = api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://clinic.example") });
        var text = await client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative));
        var file = Path.Combine(RepositoryRoot(), "artifacts", "openapi", "v1.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, text);

        Assert.Equal("https://clinic.example", JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement.GetProperty("servers")[0].GetProperty("url").GetString());
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Clinic.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Clinic.sln not found above the test binaries.");
    }

    private static bool Ambiguous(string a, string b)
    {
        var (left, right) = (a.Split('/'), b.Split('/'));
        if (left.Length != right.Length)
        {
            return false;
        }

        var (leftVariables, rightVariables) = (0, 0);
        for (var i = 0; i < left.Length; i++)
        {
            var (leftVariable, rightVariable) = (left[i].StartsWith('{'), right[i].StartsWith('{'));
            leftVariables += leftVariable ? 1 : 0;
            rightVariables += rightVariable ? 1 : 0;
            if (!leftVariable && !rightVariable && left[i] != right[i])
            {
                return false;
            }
        }

        return leftVariables == rightVariables;
    }

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(item => HttpMethods.Contains(item.Name))
            .Select(item => (item.Name, path.Name, item.Value)));

    [GeneratedRegex("^[a-z][A-Za-z]+$")]
    private static partial Regex OperationId();

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
