using System.Text.Json;
using Clinic.Domain.Common;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Clinic.Infrastructure.Persistence;

namespace Clinic.Api.Common.Errors;

/// <summary>
/// The one place where exceptions become RFC 9457 problem responses. Nothing internal (messages of
/// unexpected exceptions, stack traces, SQL) ever reaches the client.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    private static readonly string[] RequiredMessage = ["This field is required."];

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(exception);
        if (problem.Status >= 500)
        {
            // Type and throwing method only: messages can carry data (a database error quotes the row).
            logger.LogError(
                "Unhandled {ExceptionType} in {Site} on {Method} {Route}",
                exception.GetType().FullName,
                $"{exception.TargetSite?.DeclaringType?.FullName}.{exception.TargetSite?.Name}",
                httpContext.Request.Method,
                httpContext.GetEndpoint()?.DisplayName);
        }

        if (exception is NotFoundException or ForbiddenException)
        {
            await RecordDeniedAsync(httpContext, exception, cancellationToken);
        }

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        httpContext.Response.StatusCode = problem.Status ?? 500;
        if (problem.Status == StatusCodes.Status400BadRequest && IsTokenRequest(httpContext.Request))
        {
            await WriteOAuthInvalidRequestAsync(httpContext, problem, cancellationToken);
            return true;
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>
    /// OAuth 2.0 clients read the token endpoint's errors as <c>{"error": ..., "error_description": ...}</c> (RFC 6749,
    /// section 5.2), as OpenIddict writes them; a request refused before OpenIddict has read it gets the same shape.
    /// </summary>
    private static bool IsTokenRequest(HttpRequest request) =>
        request.Path.Equals(Features.Tokens.TokenService.TokenPath, StringComparison.OrdinalIgnoreCase);

    private static Task WriteOAuthInvalidRequestAsync(HttpContext httpContext, ProblemDetails problem, CancellationToken cancellationToken)
    {
        var description = problem is ValidationProblemDetails { Errors.Count: > 0 } validation
            ? string.Join(" ", validation.Errors.Select(error => $"{error.Key}: {string.Join(" ", error.Value)}"))
            : problem.Detail ?? problem.Title;
        httpContext.Response.Headers.CacheControl = "no-store";
        httpContext.Response.Headers.Pragma = "no-cache";
        return httpContext.Response.WriteAsJsonAsync(
            new Dictionary<string, string?> { ["error"] = "invalid_request", ["error_description"] = description },
            cancellationToken);
    }

    private async Task RecordDeniedAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The id the caller asked for may be another practice's: the entry names the kind of resource only.
        var type = exception is NotFoundException notFound ? notFound.ResourceType : "endpoint";
        try
        {
            await Auditing.AuditTrail.RecordDeniedAsync(httpContext.RequestServices, type, cancellationToken);
        }
        catch (Exception auditFailure) when (DatabaseErrors.IsDatabaseFailure(auditFailure))
        {
            logger.LogWarning("Could not record a denied access: {ExceptionType}", auditFailure.GetType().Name);
        }
    }

    internal static ProblemDetails ToProblem(Exception exception) => exception switch
    {
        ValidationException validation => Validation(validation.Errors
            .GroupBy(e => e.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray())),
        BadParameterException bad => Validation(new() { [bad.Field] = [bad.Message] }),
        BadHttpRequestException bad => FromBadRequest(bad),
        InvalidDataException form when IsFormReading(form) => Validation(new() { ["body"] = ["The form could not be read: it breaks a limit or holds a character forms may not carry (such as NUL)."] }),
        NotFoundException notFound => new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Title = "Not found",
            Detail = notFound.Message,
        },
        ForbiddenException forbidden => new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Forbidden",
            Detail = forbidden.Message,
        },
        PreconditionException precondition => new ProblemDetails
        {
            Status = precondition.Missing ? StatusCodes.Status428PreconditionRequired : StatusCodes.Status412PreconditionFailed,
            Title = precondition.Missing ? "Precondition required" : "Precondition failed",
            Detail = precondition.Message,
        },
        DbUpdateConcurrencyException => new ProblemDetails
        {
            Status = StatusCodes.Status412PreconditionFailed,
            Title = "Precondition failed",
            Detail = "The resource was changed by someone else. Read it again and retry with its new ETag.",
        },
        MediaTypeException media => new ProblemDetails
        {
            Status = media.Status,
            Title = media.Status == StatusCodes.Status406NotAcceptable ? "Not acceptable" : "Unsupported media type",
            Detail = media.Message,
        },
        IdempotencyKeyReusedException reused => new ValidationProblemDetails(new Dictionary<string, string[]> { ["Idempotency-Key"] = [reused.Message] })
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Idempotency key reused",
            Detail = reused.Message,
        },
        ConflictException conflict => Rule(conflict, StatusCodes.Status409Conflict, "Conflict"),
        DomainException rule => Rule(rule, StatusCodes.Status422UnprocessableEntity, "Business rule broken"),
        _ when DatabaseErrors.MissingReference(exception) is { } constraint => MissingReference(constraint),
        _ when DatabaseErrors.IsUnavailable(exception) => Unavailable(),
        _ => new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Title = "Unexpected error",
            Detail = "The server could not complete the request. It has been logged.",
        },
    };

    /// <summary>ASP.NET Core's form reader refuses forms over its limits or with a NUL; OpenIddict's endpoints read forms with it.</summary>
    private static bool IsFormReading(InvalidDataException exception) =>
        exception.TargetSite?.DeclaringType?.Namespace == "Microsoft.AspNetCore.WebUtilities";

    private static ValidationProblemDetails Validation(Dictionary<string, string[]> errors) => new(errors)
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "One or more fields are invalid",
    };

    private static ProblemDetails Rule(DomainException rule, int status, string title)
    {
        var problem = rule.Field is null
            ? new ProblemDetails()
            : new ValidationProblemDetails(new Dictionary<string, string[]> { [rule.Field] = [rule.Message] });
        problem.Status = status;
        problem.Title = title;
        problem.Detail = rule.Message;
        problem.Extensions["rule"] = rule.Rule;
        return problem;
    }

    /// <summary>
    /// A write that refers to a row that does not exist. Handlers check what callers name, so what is left is the
    /// caller's own practice: a token (from an external identity provider, say) naming a practice that is not here.
    /// </summary>
    private static ProblemDetails MissingReference(string constraint) =>
        constraint.EndsWith("_practices_practice_id", StringComparison.Ordinal)
            ? new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden",
                Detail = "The caller's practice does not exist.",
            }
            : new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Conflict",
                Detail = "The request refers to something that no longer exists. Read it again and retry.",
            };

    private static ProblemDetails Unavailable() => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "Service unavailable",
        Detail = "The database is not reachable right now. Retry after a few seconds.",
    };

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new ProblemDetails { Status = 413, Title = "Request body too large", Detail = bad.Message };
        }

        var json = bad.InnerException as JsonException ?? bad.InnerException?.InnerException as JsonException;
        if (json is not null)
        {
            var missing = MissingProperties(json.Message);
            if (missing.Count > 0)
            {
                return Validation(missing.ToDictionary(name => name, _ => RequiredMessage));
            }

            var field = JsonPathToField(json.Path);
            return Validation(new() { [field] = [JsonMessage(json)] });
        }

        if (bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            return Validation(new() { ["body"] = ["A JSON request body is required."] });
        }

        // Route and query binding failures name the parameter in their message (e.g. "Failed to bind parameter \"Guid planId\"").
        var (type, name) = ParameterDeclaration(bad.Message);
        return Validation(new() { [name] = [ParameterMessage(type, name)] });
    }

    private static string ParameterMessage(string type, string name) => type switch
    {
        "Guid" or "Guid?" => $"{name} must be a UUID, such as 3fa85f64-5717-4562-b3fc-2c963f66afa6.",
        "int" or "int?" or "long" or "long?" => $"{name} must be a whole number.",
        _ => $"The value of {name} is not valid.",
    };

    /// <summary>System.Text.Json names missing required properties in its message: <c>... including: 'startDate', 'title'.</c></summary>
    private static List<string> MissingProperties(string message)
    {
        var marker = message.IndexOf("missing required properties", StringComparison.Ordinal);
        if (marker < 0)
        {
            return [];
        }

        return [.. message[marker..].Split('\'').Where((_, i) => i % 2 == 1)];
    }

    private static string JsonMessage(JsonException json) =>
        json.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "This property is not part of the request."
            : "The value is missing, malformed or of the wrong type.";

    internal static string JsonPathToField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? "body" : field;
    }

    private static (string Type, string Name) ParameterDeclaration(string message)
    {
        var start = message.IndexOf('"', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('"', start + 1);
        if (end <= start)
        {
            return ("", "request");
        }

        var declaration = message[(start + 1)..end];
        var space = declaration.LastIndexOf(' ');
        return space < 0 ? ("", declaration) : (declaration[..space], declaration[(space + 1)..]);
    }
}
