using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Domain.Practices;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Practices;

/// <summary>
/// A practice admin sets the crisis resources clients are shown (text, phone, link; none restores the default) and
/// the distress rating from which they are shown.
/// </summary>
public sealed record SetCrisisSupportCommand(int DistressThreshold, IReadOnlyList<CrisisResource> Resources) : ICommand<CrisisSupportResponse>;

public sealed class SetCrisisSupportValidator : AbstractValidator<SetCrisisSupportCommand>
{
    public SetCrisisSupportValidator()
    {
        RuleFor(c => c.DistressThreshold).InclusiveBetween(0, 10);
        RuleFor(c => c.Resources).NotNull().Must(r => r is null || r.Count <= CrisisSupport.MaxResources)
            .WithMessage($"At most {CrisisSupport.MaxResources} crisis resources.");
        RuleForEach(c => c.Resources).ChildRules(resource =>
        {
            resource.RuleFor(r => r.Text).NotEmpty().MaximumLength(CrisisSupport.TextMaxLength);
            resource.RuleFor(r => r.Phone).MaximumLength(CrisisSupport.PhoneMaxLength)
                .Matches(@"^\+?[0-9][0-9 ()\-.]*$").When(r => !string.IsNullOrEmpty(r.Phone))
                .WithMessage("phone must be a telephone number: digits, spaces, ( ) - . and an optional leading +.");
            resource.RuleFor(r => r.Link).MaximumLength(CrisisSupport.LinkMaxLength)
                .Must(link => Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "tel" or "sms")
                .When(r => !string.IsNullOrEmpty(r.Link))
                .WithMessage("link must be an absolute https, http, tel or sms URL.");
        });
    }
}

public sealed class SetCrisisSupportHandler(ClinicDbContext db, Caller caller, AuditTrail audit) : ICommandHandler<SetCrisisSupportCommand, CrisisSupportResponse>
{
    public async ValueTask<CrisisSupportResponse> Handle(SetCrisisSupportCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Admin);
        var practiceId = caller.Practice;
        var practice = await db.Practices.FirstOrDefaultAsync(p => p.Id == practiceId, cancellationToken)
            ?? throw new NotFoundException("practice", practiceId);
        practice.ConfigureCrisisSupport(CrisisSupport.Create(command.DistressThreshold, command.Resources));
        audit.Record("practice.crisis_support.update", "practice", practice.Id, clientId: null);
        return CrisisSupportResponse.From(practice.CrisisSupport);
    }
}
