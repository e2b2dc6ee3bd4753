using Clinic.Domain.Clients;
using Clinic.Domain.Exercises;
using Clinic.Domain.Plans;
using NodaTime;

namespace Clinic.Domain.Tests.Plans;

/// <summary>Plans for the rule tests: a client in America/New_York, a plan 2026-03-02..2026-03-15 unless told otherwise.</summary>
internal static class PlanBuilder
{
    public static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    public static readonly LocalDate Start = new(2026, 3, 2);

    public static readonly LocalDate End = new(2026, 3, 15);

    public static readonly Exercise Breathing = Exercise.CreateBuiltIn(Guid.NewGuid(), "affectionate-breathing", "Affectionate Breathing", "Breathe kindly.", "Sit and breathe.", 10);

    public static Client Client() => Clinic.Domain.Clients.Client.Create(Guid.NewGuid(), Guid.NewGuid(), "A client", "America/New_York", null, Now);

    public static HomeworkPlan Draft(LocalDate? start = null, LocalDate? end = null) =>
        HomeworkPlan.Create(Client(), Guid.NewGuid(), "Kindness", null, start ?? Start, end ?? End, null, null, asDraft: true, Now);

    public static HomeworkPlan DraftWithAssignment()
    {
        var plan = Draft();
        plan.AddAssignment(Breathing, Schedule.Daily(1), null, null, null);
        return plan;
    }

    public static HomeworkPlan Active()
    {
        var plan = DraftWithAssignment();
        plan.Activate();
        return plan;
    }

    public static HomeworkPlan Paused()
    {
        var plan = Active();
        plan.Pause(Now);
        return plan;
    }

    public static HomeworkPlan In(PlanStatus status)
    {
        var plan = status switch
        {
            PlanStatus.Draft => DraftWithAssignment(),
            PlanStatus.Active => Active(),
            PlanStatus.Paused => Paused(),
            _ => Active(),
        };
        if (status == PlanStatus.Completed)
        {
            plan.Complete();
        }
        else if (status == PlanStatus.Cancelled)
        {
            plan.Cancel();
        }

        Assert.Equal(status, plan.Status);
        return plan;
    }

    public static void Apply(HomeworkPlan plan, string transition)
    {
        switch (transition)
        {
            case "activate": plan.Activate(); break;
            case "pause": plan.Pause(Now); break;
            case "resume": plan.Resume(Now); break;
            case "complete": plan.Complete(); break;
            case "cancel": plan.Cancel(); break;
            default: throw new ArgumentOutOfRangeException(nameof(transition), transition, null);
        }
    }
}
