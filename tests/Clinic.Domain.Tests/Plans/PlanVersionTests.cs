using Clinic.Domain.Common;
using Clinic.Domain.Plans;
using NodaTime;
using static Clinic.Domain.Tests.Plans.PlanBuilder;

namespace Clinic.Domain.Tests.Plans;

/// <summary>The version is the ETag: it moves by exactly one with every change, and not at all without one.</summary>
public sealed class PlanVersionTests
{
    public static readonly TheoryData<string> Changes = new()
    {
        "add assignment", "change assignment", "reschedule", "describe", "next session", "pause", "resume", "complete", "cancel",
    };

    [Fact]
    public void A_new_plan_is_version_1()
    {
        Assert.Equal(1, Draft().Version);
    }

    [Fact]
    public void Activation_moves_the_version_by_one()
    {
        var plan = DraftWithAssignment();
        var before = plan.Version;

        plan.Activate();

        Assert.Equal(before + 1, plan.Version);
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public void Every_change_moves_the_version_by_one(string change)
    {
        var plan = change == "resume" ? Paused() : Active();
        var before = plan.Version;

        Change(plan, change);

        Assert.Equal(before + 1, plan.Version);
    }

    [Fact]
    public void A_refused_transition_leaves_the_version_alone()
    {
        var plan = Active();
        var before = plan.Version;

        Assert.Throws<ConflictException>(() => plan.Resume(Now));

        Assert.Equal(before, plan.Version);
    }

    [Fact]
    public void A_refused_edit_leaves_the_plan_and_its_version_alone()
    {
        var plan = Active();
        var assignment = plan.Assignments.Single();
        var before = plan.Version;

        Assert.Throws<DomainException>(() => plan.Reschedule(Start, Start.PlusDays(400)));
        Assert.Throws<DomainException>(() => plan.ChangeAssignment(assignment.Id, Start.PlusDays(-3), null, null));

        Assert.Equal(before, plan.Version);
        Assert.Equal((Start, End), (plan.StartDate, plan.EndDate));
        Assert.Null(assignment.StartDate);
    }

    private static void Change(HomeworkPlan plan, string change)
    {
        switch (change)
        {
            case "add assignment": plan.AddAssignment(Breathing, Schedule.Weekly(2), null, null, null); break;
            case "change assignment": plan.ChangeAssignment(plan.Assignments.Single().Id, null, null, "Slowly."); break;
            case "reschedule": plan.Reschedule(Start, End.PlusDays(7)); break;
            case "describe": plan.Describe("Gentler", "A goal"); break;
            case "next session": plan.ScheduleNextSession(Instant.FromUtc(2026, 3, 16, 15, 0)); break;
            case "pause": plan.Pause(Now); break;
            case "resume": plan.Resume(Now); break;
            case "complete": plan.Complete(); break;
            case "cancel": plan.Cancel(); break;
            default: throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }
}
