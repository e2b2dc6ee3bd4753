using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Clinic.Api.Common.OpenApi;

/// <summary>Request examples for the two calls integrators and app developers write first.</summary>
internal sealed class ExamplesOperationFilter : IOperationFilter
{
    private static readonly Dictionary<string, string> Examples = new(StringComparer.Ordinal)
    {
        ["POST api/v1/clients/{clientId}/plans"] = """
            {
              "title": "Meeting the inner critic with kindness",
              "goal": "Notice self-criticism and answer it as a friend would",
              "startDate": "2026-03-02",
              "endDate": "2026-03-15",
              "nextSessionAt": "2026-03-16T15:00:00-04:00",
              "assignments": [
                { "exerciseKey": "self-compassion-break", "schedule": { "kind": "daily", "timesPerDay": 1 } },
                { "exerciseKey": "affectionate-breathing", "schedule": { "kind": "daily", "timesPerDay": 1, "daysOfWeek": ["monday", "wednesday", "friday"] } },
                { "exerciseKey": "compassionate-letter", "schedule": { "kind": "once", "dueDate": "2026-03-12" }, "instructions": "Write about the exam you felt ashamed of." }
              ]
            }
            """,
        ["POST api/v1/assignments/{assignmentId}/completions"] = """
            {
              "completedAt": "2026-03-09T22:30:00-04:00",
              "durationMinutes": 6,
              "distressBefore": 7,
              "distressAfter": 4,
              "helpfulness": 8,
              "reflection": "Putting a hand on my chest helped more than I expected.",
              "shareWithTherapist": true
            }
            """,
        ["POST api/v1/assignments/{assignmentId}/skips"] = """
            { "date": "2026-03-04", "reason": "no_time", "note": "Double shift." }
            """,
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var key = $"{context.ApiDescription.HttpMethod} {context.ApiDescription.RelativePath}";
        if (Examples.TryGetValue(key, out var example) && operation.RequestBody?.Content is { } content
            && content.TryGetValue("application/json", out var media) && media is OpenApiMediaType concrete)
        {
            concrete.Example = JsonNode.Parse(example);
        }
    }
}
