using NodaTime;
using static Clinic.Domain.Tests.Plans.PlanBuilder;

namespace Clinic.Domain.Tests.Plans;

public sealed class PlanPauseTests
{
    [Fact]
    public void Pause_opens_a_pause_and_resume_closes_it()
    {
        var plan = Active();
        var pausedAt = Instant.FromUtc(2026, 3, 4, 15, 0);
        var resumedAt = Instant.FromUtc(2026, 3, 6, 9, 30);

        plan.Pause(pausedAt);
        var open = Assert.Single(plan.Pauses);
        plan.Resume(resumedAt);

        Assert.Equal(pausedAt, open.PausedAt);
        Assert.Null(open.ResumedAt);
        var closed = Assert.Single(plan.Pauses);
        Assert.Equal(pausedAt, closed.PausedAt);
        Assert.Equal(resumedAt, closed.ResumedAt);
    }

    [Fact]
    public void Every_pause_is_kept_in_order()
    {
        var plan = Active();
        var times = Enumerable.Range(0, 4).Select(i => Instant.FromUtc(2026, 3, 3 + i, 12, 0)).ToArray();

        plan.Pause(times[0]);
        plan.Resume(times[1]);
        plan.Pause(times[2]);
        plan.Resume(times[3]);

        Assert.Equal(
            [(times[0], (Instant?)times[1]), (times[2], (Instant?)times[3])],
            plan.Pauses.Select(p => (p.PausedAt, p.ResumedAt)));
    }

    [Fact]
    public void Completing_a_paused_plan_leaves_its_pause_open()
    {
        var plan = Paused();

        plan.Complete();

        Assert.Null(Assert.Single(plan.Pauses).ResumedAt);
    }
}
