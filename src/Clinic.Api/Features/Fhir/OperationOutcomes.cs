using System.Text;
using Clinic.Api.Common.Errors;
using Clinic.Domain.Common;
using FluentValidation;
using FluentValidation.Results;
using Hl7.Fhir.Model;

namespace Clinic.Api.Features.Fhir;

/// <summary>
/// A FHIR resource that is well formed but cannot be represented here exactly (HTTP 422, like every broken
/// business rule). Each issue names the element it is about with a FHIRPath <c>expression</c>.
/// </summary>
public sealed class FhirUnprocessableException(IReadOnlyList<FhirIssue> issues)
    : DomainException("fhir_unprocessable", issues[0].Message, issues[0].Expression)
{
    public IReadOnlyList<FhirIssue> Issues { get; } = issues;
}

/// <summary>One problem with an element of a resource; <see cref="Code"/> is a FHIR issue type code.</summary>
public sealed record FhirIssue(string Expression, string Message, string Code = "business-rule");

/// <summary>
/// Which element of the posted resource each command field came from, so that a validation failure on
/// <c>assignments[1].schedule.timesPerDay</c> points at <c>CarePlan.activity[1].detail.scheduledTiming.repeat.frequency</c>.
/// Kept on the request while its commands run.
/// </summary>
public sealed class FhirFieldPaths
{
    private const string ItemKey = "fhir.fieldPaths";
    private readonly Dictionary<string, string> paths = new(StringComparer.Ordinal);

    public string this[string field]
    {
        set => paths[field] = value;
    }

    public void AttachTo(HttpContext http) => http.Items[ItemKey] = this;

    /// <summary>The FHIR element a field maps to: the entry for the field or its nearest mapped parent; the field itself when none is.</summary>
    public static string Translate(HttpContext http, string field)
    {
        if (StartsWithResourceType(field) || http.Items[ItemKey] is not FhirFieldPaths map)
        {
            return field;
        }

        for (var candidate = field; candidate.Length > 0; candidate = Parent(candidate))
        {
            if (map.paths.TryGetValue(candidate, out var path))
            {
                return path;
            }
        }

        return field;
    }

    private static bool StartsWithResourceType(string field) => field.Length > 0 && char.IsUpper(field[0]);

    private static string Parent(string field)
    {
        var dot = field.LastIndexOf('.');
        var bracket = field.LastIndexOf('[');
        var cut = Math.Max(dot, bracket);
        return cut <= 0 ? "" : field[..cut];
    }
}

/// <summary>
/// Builds OperationOutcomes, and writes every error on <c>/fhir</c> as one: the exception handler and the
/// status-code pages ask the problem-details service to write, and this writer answers for <c>/fhir</c> paths.
/// So the same exceptions the REST API maps (validation, not found, forbidden, preconditions, rules) keep
/// their status, logging and audit, and only the body changes.
/// </summary>
public sealed class OperationOutcomeWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => FhirEndpoints.IsFhirPath(context.HttpContext.Request.Path);

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var status = context.ProblemDetails.Status ?? http.Response.StatusCode;
        var outcome = OperationOutcomes.From(context.Exception, status, context.ProblemDetails.Detail ?? context.ProblemDetails.Title, http);
        await FhirJson.WriteAsync(http, outcome, status);
    }
}

public static class OperationOutcomes
{
    /// <summary>Structural problems of a resource (HTTP 400), each naming its element.</summary>
    public static ValidationException Invalid(params FhirIssue[] issues) =>
        new(issues.Select(i => new ValidationFailure(i.Expression, i.Message) { ErrorCode = i.Code }));

    internal static OperationOutcome From(Exception? exception, int status, string? detail, HttpContext http)
    {
        var issues = exception switch
        {
            ValidationException validation => [.. validation.Errors.Select(e => Issue(IssueCodeOf(e), e.ErrorMessage, FhirFieldPaths.Translate(http, e.PropertyName)))],
            BadParameterException bad => [Issue(status == 400 ? "invalid" : "processing", bad.Message, FhirFieldPaths.Translate(http, bad.Field))],
            FhirUnprocessableException fhir => [.. fhir.Issues.Select(i => Issue(i.Code, i.Message, i.Expression))],
            NotFoundException notFound => [Issue("not-found", $"The {FhirTypeOf(notFound.ResourceType)} was not found.", null)],
            DomainException rule when status is 409 or 422 => [Issue(status == 409 ? "conflict" : "business-rule", rule.Message, rule.Field is null ? null : FhirFieldPaths.Translate(http, rule.Field))],
            ForbiddenException or PreconditionException or IdempotencyKeyReusedException or MediaTypeException => [Issue(CodeOf(status), exception.Message, null)],
            null when status == 405 || (status == 404 && http.GetEndpoint() is null) => [Issue(CodeOf(status), Unsupported(http.Request), null)],
            _ => new List<OperationOutcome.IssueComponent> { Issue(CodeOf(status), detail ?? DefaultDiagnostics(status), null) },
        };
        return new OperationOutcome { Issue = issues };
    }

    /// <summary>For refusals the framework makes before any endpoint runs (no token, a role without the right, a rate limit).</summary>
    private static string DefaultDiagnostics(int status) => status switch
    {
        401 => "A valid bearer token is required. The token endpoint and the scopes it grants are in /.well-known/smart-configuration.",
        403 => "The token does not allow this request.",
        429 => "Too many requests. Retry after the number of seconds in the Retry-After header.",
        _ => "The request failed.",
    };

    /// <summary>An address or method the façade has no interaction for: say so, and where the supported ones are listed.</summary>
    private static string Unsupported(HttpRequest request) =>
        $"This server does not support {request.Method} {request.Path}. Its CapabilityStatement, at {FhirEndpoints.Prefix}/metadata, "
        + "lists the resource types, interactions and search parameters it supports.";

    private static string FhirTypeOf(string resourceType) => resourceType switch
    {
        "plan" => "CarePlan",
        "client" => "Patient",
        "therapist" => "Practitioner",
        "measure" => "Questionnaire",
        "measure_response" => "QuestionnaireResponse",
        "observation" => "Observation",
        _ => resourceType,
    };

    private static string IssueCodeOf(ValidationFailure failure) => failure.ErrorCode switch
    {
        "NotEmptyValidator" or "NotNullValidator" => "required",
        { } code when Hl7.Fhir.Utility.EnumUtility.ParseLiteral<OperationOutcome.IssueType>(code) is not null => code,
        _ => "invalid",
    };

    private static string CodeOf(int status) => status switch
    {
        400 => "invalid",
        401 => "login",
        403 => "forbidden",
        404 => "not-found",
        405 or 406 or 415 => "not-supported",
        409 or 412 => "conflict",
        413 => "too-costly",
        422 => "business-rule",
        428 => "required",
        429 => "throttled",
        503 => "transient",
        _ => "exception",
    };

    private static OperationOutcome.IssueComponent Issue(string code, string message, string? expression)
    {
        var issue = new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Error,
            Code = Hl7.Fhir.Utility.EnumUtility.ParseLiteral<OperationOutcome.IssueType>(code) ?? OperationOutcome.IssueType.Processing,
            Diagnostics = FhirString(message),
        };
        if (expression is not null)
        {
            issue.Expression = [FhirString(expression)];
        }

        return issue;
    }

    /// <summary>
    /// Text that is a valid FHIR string, for messages and paths that can quote what the caller sent (the parser's
    /// messages quote the value it could not read): control characters other than tab and line breaks and broken
    /// surrogate pairs become U+FFFD, and a long quote is cut at <see cref="MaxTextLength"/> characters.
    /// </summary>
    internal static string FhirString(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxTextLength + 1));
        foreach (var rune in text.EnumerateRunes())
        {
            if (builder.Length >= MaxTextLength)
            {
                builder.Append('\u2026');
                break;
            }

            builder.Append(Rune.IsControl(rune) && rune.Value is not ('\t' or '\r' or '\n') ? Rune.ReplacementChar : rune);
        }

        return builder.ToString();
    }

    private const int MaxTextLength = 1000;
}

/// <summary>
/// Problems found while reading a resource: structural ones (the resource breaks base FHIR rules, 400) and
/// ones this server cannot represent (422). All are reported together.
/// </summary>
public sealed class FhirIssues
{
    private readonly List<FhirIssue> invalid = [];
    private readonly List<FhirIssue> unprocessable = [];

    public int Count => invalid.Count + unprocessable.Count;

    public void Invalid(string expression, string message, string code = "invalid") => invalid.Add(new FhirIssue(expression, message, code));

    public void Unprocessable(string expression, string message, string code = "business-rule") => unprocessable.Add(new FhirIssue(expression, message, code));

    public void ThrowIfAny()
    {
        if (invalid.Count > 0)
        {
            throw OperationOutcomes.Invalid([.. invalid]);
        }

        if (unprocessable.Count > 0)
        {
            throw new FhirUnprocessableException(unprocessable);
        }
    }
}
