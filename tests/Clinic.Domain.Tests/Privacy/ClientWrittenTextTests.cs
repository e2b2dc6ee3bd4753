using Clinic.Domain.Common;
using Clinic.Domain.Completions;
using Clinic.Domain.Privacy;
using NodaTime;
using static Clinic.Domain.Tests.Plans.PlanBuilder;

namespace Clinic.Domain.Tests.Privacy;

public sealed class ClientWrittenTextTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_author_always_reads_their_reflection(bool shared)
    {
        var completion = Record("Mine.", shared);

        Assert.Equal("Mine.", completion.ReflectionFor(Reader.Client(completion.ClientId)));
    }

    [Fact]
    public void Staff_and_other_clients_read_a_reflection_only_while_it_is_shared()
    {
        var completion = Record("Mine.", shared: false);

        Assert.Null(completion.ReflectionFor(Reader.Staff));
        Assert.Null(completion.ReflectionFor(Reader.Client(Guid.NewGuid())));
        completion.Share(true);
        Assert.Equal("Mine.", completion.ReflectionFor(Reader.Staff));
        completion.Share(false);
        Assert.Null(completion.ReflectionFor(Reader.Staff));
    }

    [Fact]
    public void A_voided_completions_reflection_is_its_authors_alone()
    {
        var completion = Record("Mine.", shared: true);

        completion.Void(Now);

        Assert.Null(completion.ReflectionFor(Reader.Staff));
        Assert.Equal("Mine.", completion.ReflectionFor(Reader.Client(completion.ClientId)));
    }

    [Fact]
    public void An_erased_reflection_is_gone_for_everyone()
    {
        var completion = Record("Mine.", shared: true);

        completion.EraseReflection();

        Assert.Null(completion.ReflectionFor(Reader.Client(completion.ClientId)));
        Assert.Null(completion.ReflectionFor(Reader.Staff));
    }

    [Fact]
    public void A_skip_note_follows_the_same_rule()
    {
        var plan = Active();
        var kept = SkipReport.Report(plan, plan.Assignments.Single(), NewYork, new LocalDate(2026, 3, 4), SkipReason.Other, "Kept.", false, Now);
        var shared = SkipReport.Report(plan, plan.Assignments.Single(), NewYork, new LocalDate(2026, 3, 4), SkipReason.Other, "Shared.", true, Now);

        Assert.Null(kept.NoteFor(Reader.Staff));
        Assert.Equal("Kept.", kept.NoteFor(Reader.Client(plan.ClientId)));
        Assert.Equal("Shared.", shared.NoteFor(Reader.Staff));
    }

    [Fact]
    public void Corrections_and_voids_close_seven_days_after_logging()
    {
        var completion = Record("Mine.", shared: false);
        var plan = Active();
        var lastMoment = Now + Completion.CorrectionPeriod;

        completion.Correct(plan, plan.Assignments.Single(), NewYork, null, null, null, 2, null, lastMoment);
        var late = Assert.Throws<DomainException>(() => completion.Void(lastMoment + Duration.FromSeconds(1)));

        Assert.Equal(2, completion.DistressAfter);
        Assert.Equal(lastMoment, completion.CorrectedAt);
        Assert.Equal("correction_period_over", late.Rule);
        Assert.False(completion.IsVoided);
    }

    [Fact]
    public void A_voided_completion_cannot_be_corrected_and_voiding_again_keeps_the_first_time()
    {
        var completion = Record("Mine.", shared: false);
        var plan = Active();
        completion.Void(Now);

        completion.Void(Now + Duration.FromHours(1));
        var broken = Assert.Throws<ConflictException>(() => completion.Correct(plan, plan.Assignments.Single(), NewYork, null, 5, null, null, null, Now));

        Assert.Equal(Now, completion.VoidedAt);
        Assert.Equal("completion_voided", broken.Rule);
    }

    [Fact]
    public void A_correction_of_the_time_is_checked_like_the_original()
    {
        var completion = Record("Mine.", shared: false);
        var plan = Active();

        var broken = Assert.Throws<DomainException>(() =>
            completion.Correct(plan, plan.Assignments.Single(), NewYork, Instant.FromUtc(2026, 3, 1, 12, 0), null, null, null, null, Now));

        Assert.Equal(("outside_assignment_dates", "completedAt"), (broken.Rule, broken.Field));
        Assert.Null(completion.CorrectedAt);
    }

    private static Completion Record(string reflection, bool shared)
    {
        var plan = Active();
        return Completion.Record(plan, plan.Assignments.Single(), NewYork, Instant.FromUtc(2026, 3, 9, 20, 0), 5, 6, 3, 7, reflection, shared, Now);
    }
}
