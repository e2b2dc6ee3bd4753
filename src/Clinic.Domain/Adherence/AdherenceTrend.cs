namespace Clinic.Domain.Adherence;

/// <summary>ADHERENCE.md, "Trend": the last 7 window days against the 7 before them, daily assignments only.</summary>
internal static class AdherenceTrend
{
    private const int ThresholdPercentagePoints = 15;

    public static TrendSummary? Calculate(AdherenceFacts facts)
    {
        var to = facts.Window.To;
        var recent = new DateWindow(to.PlusDays(-6), to);
        var prior = new DateWindow(to.PlusDays(-13), to.PlusDays(-7));
        if (!facts.Window.Covers(prior.From, recent.To))
        {
            return null;
        }

        var (recentExpected, recentCredited) = DailyCredit(facts, recent);
        var (priorExpected, priorCredited) = DailyCredit(facts, prior);
        if (recentExpected == 0 || priorExpected == 0)
        {
            return null;
        }

        // Decide the direction on exact integer fractions: in doubles 0.65 - 0.5 is 0.15000000000000002 and
        // the threshold of exactly 15 points would flip on rounding. deltaPp = 100 * numerator / denominator.
        var numerator = ((long)recentCredited * priorExpected) - ((long)priorCredited * recentExpected);
        var denominator = (long)recentExpected * priorExpected;
        var direction = (numerator * 100) >= ThresholdPercentagePoints * denominator ? TrendDirections.Improving
            : (numerator * 100) <= -ThresholdPercentagePoints * denominator ? TrendDirections.Declining
            : TrendDirections.Stable;

        return new TrendSummary(
            RecentRate: (double)recentCredited / recentExpected,
            PriorRate: (double)priorCredited / priorExpected,
            DeltaPp: (double)(numerator * 100) / denominator,
            Direction: direction);
    }

    private static (int Expected, int Credited) DailyCredit(AdherenceFacts facts, DateWindow range)
    {
        var expected = 0;
        var credited = 0;
        foreach (var index in DueDays.DailyAssignmentIndexes(facts))
        {
            var tally = AssignmentCredit.TallyDaily(facts, index, range);
            expected += tally.Expected;
            credited += tally.Credited;
        }

        return (expected, credited);
    }
}
