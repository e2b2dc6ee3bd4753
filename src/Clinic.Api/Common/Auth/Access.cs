using Clinic.Api.Common.Errors;
using Clinic.Domain.Clients;
using Clinic.Domain.Common;
using Clinic.Domain.Completions;
using Clinic.Domain.Plans;
using Clinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Common.Auth;

/// <summary>
/// Loads client data only when the caller may see it. The rules, in one place:
/// an admin or integration sees its whole practice; a therapist the clients whose primary therapist they are
/// (and the plans they assigned); a client only themselves, and only while not discharged. Anything else is reported as not found.
/// </summary>
public sealed class Access(ClinicDbContext db, Caller caller)
{
    public static readonly string[] StaffRoles = [Roles.Admin, Roles.Therapist, Roles.Integration];

    public static readonly string[] ClientDataRoles = [Roles.Admin, Roles.Therapist, Roles.Integration, Roles.Client];

    /// <summary>Clients the caller may see (a query, so it composes with filters and paging).</summary>
    public IQueryable<Client> VisibleClients()
    {
        var practiceId = caller.Practice;
        var clients = db.Clients.Where(c => c.PracticeId == practiceId);
        return caller.Role switch
        {
            Roles.Admin or Roles.Integration => clients,
            Roles.Therapist => clients.Where(c => c.PrimaryTherapistId == caller.SubjectGuid),
            Roles.Client => clients.Where(c => c.Id == caller.SubjectGuid && c.Status == ClientStatus.Active),
            _ => clients.Where(_ => false),
        };
    }

    /// <summary>Plans the caller may see: those of visible clients, and for a therapist also plans they assigned.</summary>
    public IQueryable<HomeworkPlan> VisiblePlans()
    {
        var practiceId = caller.Practice;
        var plans = db.Plans.Where(p => p.PracticeId == practiceId);
        var me = caller.SubjectGuid;
        return caller.Role switch
        {
            Roles.Admin or Roles.Integration => plans,
            Roles.Therapist => plans.Where(p => p.TherapistId == me || db.Clients.Any(c => c.Id == p.ClientId && c.PrimaryTherapistId == me)),
            Roles.Client => plans.Where(p => p.ClientId == me && db.Clients.Any(c => c.Id == me && c.Status == ClientStatus.Active)),
            _ => plans.Where(_ => false),
        };
    }

    public async Task<Client> ClientAsync(Guid clientId, CancellationToken cancellationToken) =>
        await VisibleClients().FirstOrDefaultAsync(c => c.Id == clientId, cancellationToken)
        ?? throw new NotFoundException("client", clientId);

    /// <summary>A plan with its assignments and pauses, tracked for change.</summary>
    public async Task<HomeworkPlan> PlanAsync(Guid planId, CancellationToken cancellationToken) =>
        await VisiblePlans()
            .Include(p => p.Assignments)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == planId, cancellationToken)
        ?? throw new NotFoundException("plan", planId);

    /// <summary>
    /// The plan holding an assignment, checked like <see cref="PlanAsync"/>, with the client's time zone (the
    /// plan being visible is what entitles the caller to it).
    /// </summary>
    public async Task<(HomeworkPlan Plan, Assignment Assignment, DateTimeZone Zone)> AssignmentAsync(Guid assignmentId, CancellationToken cancellationToken)
    {
        // One query: the visible plan holding the assignment, its assignments and pauses, and the client's zone.
        var found = await VisiblePlans()
            .AsNoTracking()
            .Include(p => p.Assignments)
            .Where(p => p.Assignments.Any(a => a.Id == assignmentId))
            .Select(p => new { Plan = p, Zone = db.Clients.Where(c => c.Id == p.ClientId).Select(c => c.TimeZone).First() })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("assignment", assignmentId);
        return (found.Plan, found.Plan.FindAssignment(assignmentId)!, TimeZones.Get(found.Zone));
    }

    /// <summary>
    /// Where a completion belongs: the plan and assignment it counts for (both null for practice outside any plan) and
    /// its client's time zone, checked like <see cref="AssignmentAsync"/> and <see cref="ClientAsync"/>.
    /// </summary>
    public async Task<(HomeworkPlan? Plan, Assignment? Assignment, DateTimeZone Zone)> CompletionPlaceAsync(Completion completion, CancellationToken cancellationToken)
    {
        if (completion.AssignmentId is { } assignmentId)
        {
            return await AssignmentAsync(assignmentId, cancellationToken);
        }

        var client = await ClientAsync(completion.ClientId, cancellationToken);
        return (null, null, client.Zone);
    }

    /// <summary>
    /// A completion the calling client logged, tracked for change. Only its author reaches it: for anyone else,
    /// staff included, it does not exist (404), since these are the client's own controls over what they wrote.
    /// </summary>
    public async Task<Completion> OwnCompletionAsync(Guid completionId, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Client);
        var me = caller.SubjectGuid;
        return await db.Completions
            .Where(c => c.Id == completionId && c.ClientId == me && VisibleClients().Any(v => v.Id == me))
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("completion", completionId);
    }
}
