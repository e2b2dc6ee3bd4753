using Clinic.Domain.Common;
using Clinic.Domain.Plans;
using static Clinic.Domain.Tests.Plans.PlanBuilder;

namespace Clinic.Domain.Tests.Plans;

/// <summary>draft → active ⇄ paused → completed; draft, active or paused → cancelled; nothing else.</summary>
public sealed class PlanStatusTransitionTests
{
    public static readonly TheoryData<PlanStatus, string, PlanStatus> Allowed = new()
    {
        { PlanStatus.Draft, "activate", PlanStatus.Active },
        { PlanStatus.Draft, "cancel", PlanStatus.Cancelled },
        { PlanStatus.Active, "pause", PlanStatus.Paused },
        { PlanStatus.Active, "complete", PlanStatus.Completed },
        { PlanStatus.Active, "cancel", PlanStatus.Cancelled },
        { PlanStatus.Paused, "resume", PlanStatus.Active },
        { PlanStatus.Paused, "complete", PlanStatus.Completed },
        { PlanStatus.Paused, "cancel", PlanStatus.Cancelled },
    };

    public static readonly TheoryData<PlanStatus, string> Forbidden = new()
    {
        { PlanStatus.Draft, "pause" },
        { PlanStatus.Draft, "resume" },
        { PlanStatus.Draft, "complete" },
        { PlanStatus.Active, "activate" },
        { PlanStatus.Active, "resume" },
        { PlanStatus.Paused, "activate" },
        { PlanStatus.Paused, "pause" },
        { PlanStatus.Completed, "activate" },
        { PlanStatus.Completed, "pause" },
        { PlanStatus.Completed, "resume" },
        { PlanStatus.Completed, "complete" },
        { PlanStatus.Completed, "cancel" },
        { PlanStatus.Cancelled, "activate" },
        { PlanStatus.Cancelled, "pause" },
        { PlanStatus.Cancelled, "resume" },
        { PlanStatus.Cancelled, "complete" },
        { PlanStatus.Cancelled, "cancel" },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Allowed_transition_moves_the_plan(PlanStatus from, string transition, PlanStatus to)
    {
        var plan = In(from);

        Apply(plan, transition);

        Assert.Equal(to, plan.Status);
    }

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void Forbidden_transition_is_a_conflict_and_leaves_the_status(PlanStatus from, string transition)
    {
        var plan = In(from);

        var conflict = Assert.Throws<ConflictException>(() => Apply(plan, transition));

        Assert.Equal("plan_transition", conflict.Rule);
        Assert.Equal(from, plan.Status);
    }

    [Fact]
    public void A_plan_created_active_needs_no_activation()
    {
        var plan = HomeworkPlan.Create(Client(), Guid.NewGuid(), "Kindness", null, Start, End, null, null, asDraft: false, Now);

        Assert.Equal(PlanStatus.Active, plan.Status);
    }

    [Fact]
    public void A_draft_without_assignments_cannot_be_activated()
    {
        var plan = Draft();

        var broken = Assert.Throws<DomainException>(plan.Activate);

        Assert.Equal("no_assignments", broken.Rule);
        Assert.Equal(PlanStatus.Draft, plan.Status);
    }

    [Fact]
    public void A_discharged_client_cannot_be_given_a_plan()
    {
        var client = Client();
        client.Discharge(Now);

        var broken = Assert.Throws<DomainException>(() => HomeworkPlan.Create(client, Guid.NewGuid(), "Kindness", null, Start, End, null, null, asDraft: false, Now));

        Assert.Equal("client_discharged", broken.Rule);
    }

    [Theory]
    [InlineData(PlanStatus.Completed)]
    [InlineData(PlanStatus.Cancelled)]
    public void A_closed_plan_takes_no_new_assignment(PlanStatus status)
    {
        var plan = In(status);

        var conflict = Assert.Throws<ConflictException>(() => plan.AddAssignment(Breathing, Schedule.Daily(1), null, null, null));

        Assert.Equal("plan_closed", conflict.Rule);
        Assert.Single(plan.Assignments);
    }

    [Theory]
    [InlineData(PlanStatus.Draft, false)]
    [InlineData(PlanStatus.Active, true)]
    [InlineData(PlanStatus.Paused, true)]
    [InlineData(PlanStatus.Completed, true)]
    [InlineData(PlanStatus.Cancelled, false)]
    public void Only_started_and_not_cancelled_plans_accept_practice(PlanStatus status, bool accepts)
    {
        Assert.Equal(accepts, In(status).AcceptsPractice);
    }
}
