using Clinic.Api.Features.Plans;
using Clinic.Domain.Plans;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using NodaTime;
using Period = Hl7.Fhir.Model.Period;

namespace Clinic.Api.Features.Fhir;

/// <summary>A CarePlan read into the terms of a plan; <see cref="Subject"/> still has to be resolved to a client.</summary>
public sealed record CarePlanInput(
    PatientReference Subject,
    Guid? TherapistId,
    string? Title,
    string? Goal,
    LocalDate StartDate,
    LocalDate EndDate,
    string Status,
    string? ExternalId,
    IReadOnlyList<AssignmentRequest> Assignments,
    FhirFieldPaths Paths)
{
    public AssignPlanCommand ToCommand(Guid clientId) =>
        new(Title ?? "", StartDate, EndDate, Assignments, Goal, ExternalId: ExternalId, Status: Status, TherapistId: TherapistId) { ClientId = clientId };
}

/// <summary>
/// A homework plan ⇄ a FHIR R4 CarePlan. subject = the client (Patient), author = the assigning therapist
/// (Practitioner), period = the plan's dates (whole dates only), title, description = goal, the first identifier =
/// externalId, status draft/active/on-hold(paused)/completed/revoked(cancelled), intent plan, and one
/// <c>activity.detail</c> per assignment: code (exercise key in <see cref="ExerciseSystem"/>), description =
/// instructions, scheduled[x] as <see cref="TimingMapping"/> says.
/// </summary>
public static class CarePlanMapping
{
    public const string ExerciseSystem = "https://clinic.example/fhir/CodeSystem/exercise";

    /// <summary>Statuses a new CarePlan may have; the others are reached through the plan's transitions.</summary>
    public static readonly RequestStatus[] CreatableStatuses = [RequestStatus.Draft, RequestStatus.Active];

    private static readonly CarePlan.CarePlanActivityStatus[] NewActivityStatuses =
        [CarePlan.CarePlanActivityStatus.NotStarted, CarePlan.CarePlanActivityStatus.Scheduled, CarePlan.CarePlanActivityStatus.InProgress];

    public static CarePlan ToCarePlan(PlanResponse plan)
    {
        var carePlan = new CarePlan
        {
            Id = plan.Id.ToString(),
            Meta = new Meta { VersionId = VersionOf(plan) },
            Status = StatusOf(plan.Status),
            Intent = CarePlan.CarePlanIntent.Plan,
            Subject = new ResourceReference($"Patient/{plan.ClientId}"),
            Author = new ResourceReference($"Practitioner/{plan.TherapistId}"),
            Period = new Period { Start = TimingMapping.Date(plan.StartDate), End = TimingMapping.Date(plan.EndDate) },
            Title = plan.Title,
            Description = plan.Goal,
            Activity = [.. plan.Assignments.Select(a => ToActivity(plan, a))],
        };
        if (plan.ExternalId is not null)
        {
            carePlan.Identifier = [new Identifier { Value = plan.ExternalId }];
        }

        return carePlan;
    }

    /// <summary>The plan's version, which is its ETag without quotes.</summary>
    public static string VersionOf(PlanResponse plan) => plan.ETag.Trim('"');

    public static RequestStatus StatusOf(PlanStatus status) => status switch
    {
        PlanStatus.Draft => RequestStatus.Draft,
        PlanStatus.Active => RequestStatus.Active,
        PlanStatus.Paused => RequestStatus.OnHold,
        PlanStatus.Completed => RequestStatus.Completed,
        _ => RequestStatus.Revoked,
    };

    /// <summary>
    /// Reads a posted or put CarePlan. Base FHIR violations (no subject, status or intent) are 400; what this
    /// server cannot represent is 422; all found are reported at once.
    /// </summary>
    public static CarePlanInput Read(CarePlan carePlan, IReadOnlyCollection<RequestStatus> allowedStatuses, CarePlan.CarePlanActivityStatus? currentActivityStatus = null)
    {
        var issues = new FhirIssues();
        var paths = BasePaths();
        if (carePlan.ModifierExtension.Count > 0)
        {
            issues.Unprocessable("CarePlan.modifierExtension", "Modifier extensions are not understood, so the CarePlan cannot be accepted.", "not-supported");
        }

        var subject = PatientReference.Read(carePlan.Subject, "CarePlan.subject", issues);
        var therapistId = ReadAuthor(carePlan.Author, issues);
        var status = ReadStatus(carePlan, allowedStatuses, issues);
        if (carePlan.Intent is null)
        {
            issues.Invalid("CarePlan.intent", "intent is required; use plan.", "required");
        }
        else if (carePlan.Intent != CarePlan.CarePlanIntent.Plan)
        {
            issues.Unprocessable("CarePlan.intent", "Only intent plan is supported.", "not-supported");
        }

        var start = TimingMapping.ReadDate(carePlan.Period?.Start, "CarePlan.period.start", issues);
        var end = TimingMapping.ReadDate(carePlan.Period?.End, "CarePlan.period.end", issues);
        if (carePlan.Period?.Start is null || carePlan.Period?.End is null)
        {
            issues.Unprocessable(carePlan.Period?.Start is null ? "CarePlan.period.start" : "CarePlan.period.end", "A plan needs period.start and period.end (dates).", "required");
        }

        var activityStatuses = currentActivityStatus is { } current ? [.. NewActivityStatuses, current] : NewActivityStatuses;
        var assignments = new List<AssignmentRequest>();
        for (var i = 0; i < carePlan.Activity.Count; i++)
        {
            if (ReadActivity(carePlan.Activity[i], $"CarePlan.activity[{i}]", activityStatuses, issues) is { } read)
            {
                assignments.Add(read.Assignment);
                paths[$"assignments[{i}]"] = $"CarePlan.activity[{i}]";
                paths[$"assignments[{i}].exerciseKey"] = $"CarePlan.activity[{i}].detail.code";
                paths[$"assignments[{i}].instructions"] = $"CarePlan.activity[{i}].detail.description";
                foreach (var (field, path) in read.Schedule.FieldPaths)
                {
                    paths[$"assignments[{i}].{field}"] = path;
                }
            }
        }

        issues.ThrowIfAny();
        var externalId = carePlan.Identifier.FirstOrDefault(id => !string.IsNullOrEmpty(id.Value))?.Value;
        return new CarePlanInput(subject!, therapistId, carePlan.Title, carePlan.Description, start!.Value, end!.Value, status!, externalId, assignments, paths);
    }

    /// <summary>Whether the activities sent describe exactly the plan's current assignments (in any order), as a read returns them.</summary>
    public static bool SameActivities(IReadOnlyList<AssignmentRequest> sent, PlanResponse plan)
    {
        var remaining = plan.Assignments.ToList();
        foreach (var request in sent)
        {
            var match = remaining.FindIndex(a =>
                a.ExerciseKey == request.ExerciseKey
                && a.Schedule.ToSchedule().Equals(request.Schedule.ToSchedule())
                && a.StartDate == (request.StartDate ?? plan.StartDate)
                && a.EndDate == (request.EndDate ?? plan.EndDate)
                && (a.Instructions ?? "") == (request.Instructions ?? ""));
            if (match < 0)
            {
                return false;
            }

            remaining.RemoveAt(match);
        }

        return remaining.Count == 0;
    }

    public static CarePlan.CarePlanActivityStatus ActivityStatusOf(PlanStatus status) => status switch
    {
        PlanStatus.Draft => CarePlan.CarePlanActivityStatus.NotStarted,
        PlanStatus.Active => CarePlan.CarePlanActivityStatus.InProgress,
        PlanStatus.Paused => CarePlan.CarePlanActivityStatus.OnHold,
        PlanStatus.Completed => CarePlan.CarePlanActivityStatus.Completed,
        _ => CarePlan.CarePlanActivityStatus.Cancelled,
    };

    /// <summary>The activity's element id is the assignment's id, which the client app's completions name.</summary>
    private static CarePlan.ActivityComponent ToActivity(PlanResponse plan, AssignmentResponse assignment) => new()
    {
        ElementId = assignment.Id.ToString(),
        Detail = new CarePlan.DetailComponent
        {
            Kind = CarePlan.CarePlanActivityKind.Task,
            Code = new CodeableConcept(ExerciseSystem, assignment.ExerciseKey, assignment.Title, null),
            Status = ActivityStatusOf(plan.Status),
            Scheduled = TimingMapping.ToTiming(assignment, plan),
            Description = assignment.Instructions,
        },
    };

    private static FhirFieldPaths BasePaths()
    {
        var paths = new FhirFieldPaths();
        paths["title"] = "CarePlan.title";
        paths["goal"] = "CarePlan.description";
        paths["startDate"] = "CarePlan.period.start";
        paths["endDate"] = "CarePlan.period.end";
        paths["externalId"] = "CarePlan.identifier[0].value";
        paths["status"] = "CarePlan.status";
        paths["therapistId"] = "CarePlan.author";
        paths["clientId"] = "CarePlan.subject";
        paths["assignments"] = "CarePlan.activity";
        return paths;
    }

    private static string? ReadStatus(CarePlan carePlan, IReadOnlyCollection<RequestStatus> allowed, FhirIssues issues)
    {
        if (carePlan.Status is not { } status)
        {
            issues.Invalid("CarePlan.status", "status is required.", "required");
            return null;
        }

        if (!allowed.Contains(status))
        {
            var names = string.Join(" or ", allowed.Select(s => s.GetLiteral()));
            issues.Unprocessable("CarePlan.status", $"status must be {names} here; pause, resume, complete or cancel a plan through POST /api/v1/plans/{{id}}/{{transition}}.", "business-rule");
            return null;
        }

        return status == RequestStatus.Draft ? "draft" : "active";
    }

    private static Guid? ReadAuthor(ResourceReference? author, FhirIssues issues)
    {
        if (author is null)
        {
            return null;
        }

        var (type, id) = PatientReference.Split(author.Reference);
        if (type != "Practitioner")
        {
            issues.Unprocessable("CarePlan.author", "The author must reference the assigning therapist as Practitioner/{id}.", "not-supported");
            return null;
        }

        if (!Guid.TryParse(id, out var therapistId))
        {
            issues.Unprocessable("CarePlan.author.reference", "The author does not name a therapist of this practice.", "not-found");
            return null;
        }

        return therapistId;
    }

    private sealed record ActivityRead(AssignmentRequest Assignment, TimingMapping.ScheduleRead Schedule);

    private static ActivityRead? ReadActivity(CarePlan.ActivityComponent activity, string path, CarePlan.CarePlanActivityStatus[] statuses, FhirIssues issues)
    {
        var before = issues.Count;
        if (activity.ModifierExtension.Count > 0)
        {
            issues.Unprocessable($"{path}.modifierExtension", "Modifier extensions are not understood.", "not-supported");
        }

        if (activity.Reference is not null)
        {
            issues.Unprocessable($"{path}.reference", "Activities by reference are not supported; describe the exercise inline in detail.", "not-supported");
        }

        var detail = activity.Detail;
        if (detail is null)
        {
            issues.Unprocessable($"{path}.detail", "Each activity needs a detail with the exercise code and its schedule.", "required");
            return null;
        }

        path += ".detail";
        if (detail.ModifierExtension.Count > 0)
        {
            issues.Unprocessable($"{path}.modifierExtension", "Modifier extensions are not understood.", "not-supported");
        }

        if (detail.Kind is { } kind && kind != CarePlan.CarePlanActivityKind.Task)
        {
            issues.Unprocessable($"{path}.kind", "Homework is an activity of kind Task.", "not-supported");
        }

        if (detail.DoNotPerform == true)
        {
            issues.Unprocessable($"{path}.doNotPerform", "An exercise not to do cannot be assigned.", "not-supported");
        }

        if (detail.Status is { } status && !statuses.Contains(status))
        {
            issues.Unprocessable($"{path}.status", $"An activity's status follows the plan's; {status.GetLiteral()} cannot be set here.", "business-rule");
        }

        var exerciseKey = ReadExerciseKey(detail.Code, $"{path}.code", issues);
        var schedule = TimingMapping.Read(detail.Scheduled, path, issues);
        return issues.Count > before || exerciseKey is null || schedule is null
            ? null
            : new ActivityRead(new AssignmentRequest(exerciseKey, schedule.Schedule, schedule.StartDate, schedule.EndDate, detail.Description), schedule);
    }

    private static string? ReadExerciseKey(CodeableConcept? code, string path, FhirIssues issues)
    {
        var keys = code?.Coding.Where(c => c.System == ExerciseSystem && !string.IsNullOrEmpty(c.Code)).Select(c => c.Code).Distinct().ToList() ?? [];
        switch (keys.Count)
        {
            case 1:
                return keys[0];
            case 0:
                issues.Unprocessable(path, $"Code the exercise with a coding in {ExerciseSystem} (the exercise key, see GET /api/v1/exercises).", "required");
                return null;
            default:
                issues.Unprocessable(path, $"Give exactly one exercise coding in {ExerciseSystem}.", "business-rule");
                return null;
        }
    }
}
