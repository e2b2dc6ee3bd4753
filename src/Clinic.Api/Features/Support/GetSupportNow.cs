using System.Globalization;
using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Domain.Common;
using Clinic.Domain.Plans;
using Clinic.Domain.Practices;
using Clinic.Domain.Support;
using Clinic.Infrastructure.Persistence;
using Clinic.Infrastructure.Support;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Features.Support;

/// <summary>
/// The client app's "I'm struggling right now": how distressed the client is now (<see cref="Distress"/>, 0..10, as
/// sent in the query string) gets at most three practices to do right now, ranked by what soothed this client before,
/// then their therapist's as-needed assignments, then the library's short practices for a hard moment
/// (<see cref="SupportNowRanking"/>), and the practice's crisis resources from its distress threshold on.
/// </summary>
public sealed record GetSupportNowQuery(string? Distress) : IQuery<SupportNowResponse>;

/// <summary>
/// <see cref="CrisisResources"/> is null below the practice's distress threshold, and the practice's resources (or the
/// default one) from it on.
/// </summary>
public sealed record SupportNowResponse(int Distress, IReadOnlyList<SupportNowPractice> Practices, IReadOnlyList<CrisisResource>? CrisisResources);

/// <summary>
/// One practice to do now, as the app guides it: ordered <see cref="Steps"/> to show or read aloud and the typical
/// duration. <see cref="Instructions"/> are the therapist's words when they assigned it as needed;
/// <see cref="PastRelief"/> is the client's own history when that is why it is offered.
/// </summary>
public sealed record SupportNowPractice(
    string ExerciseKey,
    string Title,
    string Summary,
    IReadOnlyList<string> Steps,
    int DurationMinutes,
    SupportReason Reason,
    string? Instructions,
    PastRelief? PastRelief)
{
    public static SupportNowPractice From(SupportPractice practice) => new(
        practice.Exercise.ExerciseKey,
        practice.Title,
        practice.Exercise.Summary,
        practice.Exercise.Steps,
        practice.Exercise.DurationMinutes,
        practice.Reason,
        practice.Suggestion?.Instructions,
        practice.Reason == SupportReason.HelpedYouBefore && practice.History is { } history ? new PastRelief(history.Uses, -history.MeanDrop) : null);
}

/// <summary>The client's rated uses of the exercise that began at a similar distress, and their mean change in distress (negative = relief).</summary>
public sealed record PastRelief(int Uses, double MeanDistressChange);

public sealed class GetSupportNowValidator : AbstractValidator<GetSupportNowQuery>
{
    public GetSupportNowValidator() =>
        RuleFor(q => q.Distress)
            .NotEmpty().WithMessage("distress is required: how distressed the client feels now, a whole number from 0 to 10.")
            .Must(d => GetSupportNowHandler.ParseDistress(d) is not null).When(q => !string.IsNullOrEmpty(q.Distress))
            .WithMessage("distress is a whole number from 0 to 10.");
}

public sealed class GetSupportNowHandler(ClinicDbContext db, Access access, Caller caller, SupportNowReader reader, AuditTrail audit, IClock clock)
    : IQueryHandler<GetSupportNowQuery, SupportNowResponse>
{
    public async ValueTask<SupportNowResponse> Handle(GetSupportNowQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Client);
        var distress = ParseDistress(query.Distress) ?? throw new BadParameterException("distress", "distress is a whole number from 0 to 10.");
        var me = caller.SubjectGuid;

        // One query for the client (as they may see themselves) and their practice's crisis support; then one batch.
        var found = await (
                from client in access.VisibleClients()
                join practice in db.Practices on client.PracticeId equals practice.Id
                where client.Id == me
                select new { client.Id, client.PracticeId, client.TimeZone, Practice = practice })
            .AsNoTracking()
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("client", me);

        var now = clock.GetCurrentInstant();
        var today = now.InZone(TimeZones.Get(found.TimeZone)).Date;
        var facts = await reader.ReadAsync(found.Id, found.PracticeId, distress, now, audit.Reads("support_now.read", "client", [(found.Id, found.Id)]), cancellationToken);

        var assignedToday = facts.Assignments.Where(a => a.Start <= today && today <= a.End).ToList();
        var suggestions = assignedToday
            .Where(a => a.Kind == ScheduleKind.AsNeeded)
            .OrderByDescending(a => a.PlanStart).ThenByDescending(a => a.PlanCreatedAt).ThenByDescending(a => a.PlanId).ThenBy(a => a.Position)
            .Select(a => new AsNeededSuggestion(a.ExerciseKey, a.Title, a.Instructions))
            .ToList();

        // A retired exercise is offered only to a client who still has it assigned today.
        var assignedKeys = assignedToday.Select(a => a.ExerciseKey).ToHashSet(StringComparer.Ordinal);
        var offerable = facts.Exercises
            .Where(e => !e.Retired || assignedKeys.Contains(e.Key))
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .Select(g => g.First())
            .ToDictionary(e => e.Key, e => new OfferableExercise(e.Key, e.Title, e.Summary, e.Steps, e.DurationMinutes, e.Tags, InLibrary: !e.Retired), StringComparer.Ordinal);

        var practices = SupportNowRanking.Rank(facts.History, suggestions, offerable);
        var crisis = found.Practice.CrisisSupport;
        return new SupportNowResponse(distress, [.. practices.Select(SupportNowPractice.From)], crisis.Applies(distress) ? crisis.Shown : null);
    }

    /// <summary>A distress rating as sent: digits only, 0 to 10; null otherwise.</summary>
    public static int? ParseDistress(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 10 ? value : null;
}
