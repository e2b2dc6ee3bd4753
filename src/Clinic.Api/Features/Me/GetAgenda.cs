using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Infrastructure.Adherence;
using Clinic.Domain.Plans;
using FluentValidation;
using Mediator;
using NodaTime;
using Clinic.Api.Common.Json;

namespace Clinic.Api.Features.Me;

/// <summary>
/// The client app's list for one local day (default today): what is due, how many are done, how many remain.
/// Computed by the adherence calculator as of the last instant of that day, so it agrees with the summaries.
/// </summary>
public sealed record GetAgendaQuery(string? Date) : IQuery<AgendaResponse>;

public sealed record AgendaResponse(LocalDate Date, string TimeZone, IReadOnlyList<AgendaItem> Items);

public sealed record AgendaItem(
    Guid PlanId,
    string PlanTitle,
    Guid AssignmentId,
    string ExerciseKey,
    string Title,
    string? Instructions,
    Schedule Schedule,
    int Expected,
    int Done,
    int Remaining);

public sealed class GetAgendaValidator : AbstractValidator<GetAgendaQuery>
{
    public GetAgendaValidator() =>
        RuleFor(q => q.Date).Must(WireFormats.IsDateOrAbsent).WithMessage("date " + WireFormats.DateMessage);
}

public sealed class GetAgendaHandler(Access access, Caller caller, AdherenceReader reader, AuditTrail audit, IClock clock)
    : IQueryHandler<GetAgendaQuery, AgendaResponse>
{
    public async ValueTask<AgendaResponse> Handle(GetAgendaQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Client);
        var client = await access.ClientAsync(caller.SubjectGuid, cancellationToken);
        var zone = client.Zone;
        var date = query.Date is null ? clock.GetCurrentInstant().InZone(zone).Date : WireFormats.ParseDate(query.Date)!.Value;

        // The day as a whole: every completion logged on it counts, whenever it is asked.
        var endOfDay = zone.AtStartOfDay(date.PlusDays(1)).ToInstant() - Duration.Epsilon;
        var loaded = await reader.PlansAsync(
            access.VisiblePlans().Where(p => p.ClientId == client.Id
                && (p.Status == PlanStatus.Active || p.Status == PlanStatus.Paused)
                && p.StartDate <= date && p.EndDate >= date),
            cancellationToken);
        List<HomeworkPlan> plans = [.. loaded.Select(p => p.Plan).OrderBy(p => p.StartDate).ThenBy(p => p.Id)];

        // Starting the window at the date leaves it empty: only the day in progress is wanted, so little is read.
        var summaries = await reader.SummarizeAsync(
            plans.ConvertAll(p => new AdherenceRequest(p, zone, date)),
            endOfDay,
            audit.Reads("agenda.read", "client", [(client.Id, client.Id)]),
            cancellationToken);

        var items = new List<AgendaItem>();
        for (var index = 0; index < plans.Count; index++)
        {
            var plan = plans[index];
            foreach (var progress in summaries[index].Today)
            {
                var assignment = plan.FindAssignment(progress.AssignmentId)!;
                items.Add(new AgendaItem(
                    plan.Id,
                    plan.Title,
                    assignment.Id,
                    assignment.ExerciseKey,
                    assignment.Title,
                    assignment.Instructions,
                    assignment.Schedule,
                    progress.Expected,
                    progress.Done,
                    Math.Max(progress.Expected - progress.Done, 0)));
            }
        }

        return new AgendaResponse(date, client.TimeZone, items);
    }
}
