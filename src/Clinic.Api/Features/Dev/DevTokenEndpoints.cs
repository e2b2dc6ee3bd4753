using Clinic.Api.Common.Auth;
using FluentValidation;
using NodaTime;

namespace Clinic.Api.Features.Dev;

/// <summary>
/// Mints locally signed tokens for development, tests and demos. Mapped only when Auth:DevTokens:Enabled is
/// true; anywhere else the path does not exist (404).
/// </summary>
public static class DevTokenEndpoints
{
    public sealed record DevTokenRequest(string Role, string SubjectId, Guid? PracticeId = null);

    public sealed record DevTokenResponse(string AccessToken, Instant ExpiresAt);

    public sealed class DevTokenRequestValidator : AbstractValidator<DevTokenRequest>
    {
        public DevTokenRequestValidator()
        {
            RuleFor(r => r.Role).NotEmpty().Must(Roles.All.Contains).WithMessage("role must be one of operator, admin, therapist, client, integration.");
            RuleFor(r => r.SubjectId).NotEmpty().MaximumLength(128);
            RuleFor(r => r.PracticeId).NotNull().When(r => r.Role != Roles.Operator).WithMessage("practiceId is required for every role but operator.");
            RuleFor(r => r.PracticeId).Null().When(r => r.Role == Roles.Operator).WithMessage("Operators do not belong to a practice.");
            RuleFor(r => r.SubjectId).Must(s => Guid.TryParse(s, out _)).When(r => r.Role is Roles.Therapist or Roles.Client)
                .WithMessage("For therapists and clients, subjectId is their id.");
        }
    }

    public static IEndpointRouteBuilder MapDevTokenEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/dev/tokens", (DevTokenRequest request, TokenIssuer issuer) =>
            {
                var result = new DevTokenRequestValidator().Validate(request);
                if (!result.IsValid)
                {
                    throw new ValidationException(result.Errors);
                }

                var (token, expires) = issuer.Issue(request.SubjectId, request.Role, request.PracticeId);
                return TypedResults.Ok(new DevTokenResponse(token, expires));
            })
            .AllowAnonymous()
            .WithName("createDevToken")
            .WithTags("Development")
            .WithSummary("Mint a development token")
            .WithDescription("Exists only when Auth:DevTokens:Enabled is true (by default only in Development).")
            .ProducesValidationProblem();
        return api;
    }
}
