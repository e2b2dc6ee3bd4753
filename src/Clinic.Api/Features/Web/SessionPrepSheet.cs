using Clinic.Api.Features.Adherence;
using Clinic.Api.Features.Measures;
using Clinic.Api.Features.Timeline;
using Clinic.Domain.Adherence;
using Clinic.Domain.Common;
using Clinic.Domain.Measures;
using Clinic.Domain.Plans;
using NodaTime;

namespace Clinic.Api.Features.Web;

/// <summary>
/// What the session-prep page shows of one client, arranged from answers the REST API gives too: the session prep
/// (<see cref="GetSessionPrepQuery"/>: open alerts, summaries, flags, relief and moments, shared reflections), the
/// timeline (<see cref="GetTimelineQuery"/>: each local day) and the outcome measures
/// (<see cref="GetClientMeasuresQuery"/>: each series with its bands). It arranges and formats; every figure is the
/// API's own.
/// </summary>
public sealed record SessionPrepSheet(
    SessionPrepResponse Prep,
    TimelineResponse Timeline,
    ClientMeasuresResponse Measures,
    LocalDate Today,
    IReadOnlyList<AttentionItem> Attention,
    DataTable KeyFigures,
    IReadOnlyList<ChartFigure> Figures,
    IReadOnlyList<ChartFigure> Outcomes,
    DataTable WeeklyPractice,
    IReadOnlyList<ReflectionView> Reflections)
{
    /// <summary>The period a therapist looks back over unless they choose another: the REST default, a week.</summary>
    public const int DefaultDays = 7;

    public const int MaxDays = 365;

    public DateTimeZone Zone => TimeZones.Get(Prep.Client.TimeZone);

    /// <summary>The definitions the figures follow (ADHERENCE.md): the summaries' own, or the calculator's when no plan ran.</summary>
    public string DefinitionsVersion => Prep.Plans.Count == 0
        ? AdherenceCalculator.DefinitionsVersion
        : string.Join(", ", Prep.Plans.Select(p => p.DefinitionsVersion).Distinct());

    /// <summary>The sheet from the answers of the queries, with the library's titles by exercise key for practice outside any plan.</summary>
    public static SessionPrepSheet Build(
        SessionPrepResponse prep, TimelineResponse timeline, ClientMeasuresResponse measures, IReadOnlyDictionary<string, string> exerciseTitles)
    {
        var zone = TimeZones.Get(prep.Client.TimeZone);
        var today = prep.AsOf.InZone(zone).Date;
        var titles = timeline.Assignments.ToDictionary(a => a.AssignmentId, a => a.Title);
        var planTitles = timeline.Assignments.GroupBy(a => a.PlanId).ToDictionary(g => g.Key, g => g.First().PlanTitle);
        string ExerciseTitle(string exerciseKey) => exerciseTitles.GetValueOrDefault(exerciseKey) ?? exerciseKey;
        string TitleOf(Guid? assignmentId, string exerciseKey) =>
            (assignmentId is { } id ? titles.GetValueOrDefault(id) : null) ?? ExerciseTitle(exerciseKey);

        return new SessionPrepSheet(
            prep,
            timeline,
            measures,
            today,
            [
                .. prep.Alerts.Select(a => new AttentionItem(Display.AlertCauseKey(a.Cause), Display.AlertLabel(a), Display.AlertMeaning(a, zone), Urgent: true, IsAlert: true)),
                .. prep.Flags.Select(flag => new AttentionItem(flag, Display.FlagLabel(flag), Display.FlagMeaning(flag), Display.IsUrgent(flag), IsAlert: false)),
            ],
            KeyFiguresOf(prep, planTitles),
            [Calendar(timeline, today), Distress(timeline, zone, TitleOf), Exercises(prep), Relief(prep, ExerciseTitle)],
            [.. measures.Measures.Where(m => m.Series.Count > 0).Select(m => Outcome(m, zone))],
            WeeklyOf(timeline, today, TitleOf),
            // The timeline holds a reflection for staff only while the client shares it; practice outside plans included.
            [.. timeline.Days
                .SelectMany(d => d.Completions)
                .Where(c => c.Reflection is not null)
                .OrderByDescending(c => c.CompletedAt)
                .Select(c => new ReflectionView(Display.DateTime(c.CompletedAt, zone), TitleOf(c.AssignmentId, c.ExerciseKey), c.Reflection!))]);
    }

    /// <summary>Each plan's summary in rows a clinician scans: how much, how regularly, how well, what got in the way.</summary>
    private static DataTable KeyFiguresOf(SessionPrepResponse prep, Dictionary<Guid, string> planTitles)
    {
        var plans = prep.Plans;
        IReadOnlyList<Cell> Row(string name, Func<AdherenceSummary, Cell> cell) => [Cell.Of(name), .. plans.Select(cell)];
        return new DataTable(
            "Key figures of each plan since the last session (ratings on 0–10)",
            ["Figure", .. plans.Select(p => planTitles.GetValueOrDefault(p.PlanId) ?? "Plan")],
            plans.Count == 0
                ? []
                :
                [
                    Row("Adherence rate", s => new Cell(Display.Percent(s.AdherenceRate), Display.Raw(s.AdherenceRate))),
                    Row("Practice due", s => Cell.Number(s.Expected)),
                    Row("Practice done", s => Cell.Number(s.Credited)),
                    Row("Done beyond due", s => Cell.Number(s.Extra)),
                    Row("Days practised (PDC)", s => new Cell(Display.Percent(s.Pdc), Display.Raw(s.Pdc))),
                    Row("Current streak (days)", s => Cell.Number(s.CurrentStreak)),
                    Row("Longest streak (days)", s => Cell.Number(s.LongestStreak)),
                    Row("Last practice", s => new Cell(Display.DaysAgo(s.DaysSinceLastCompletion), s.DaysSinceLastCompletion is { } days ? Display.Raw(days) : "")),
                    Row("Completions", s => Cell.Number(s.Quality.Completions)),
                    Row("Minutes practised", s => Cell.Number(s.Quality.TotalMinutes)),
                    Row("Distress before, mean", s => new Cell(Display.OneDecimal(s.Quality.MeanDistressBefore), Display.Raw(s.Quality.MeanDistressBefore))),
                    Row("Distress after, mean", s => new Cell(Display.OneDecimal(s.Quality.MeanDistressAfter), Display.Raw(s.Quality.MeanDistressAfter))),
                    Row("Change in distress, mean", s => new Cell(Display.Change(s.Quality.MeanDistressChange), Display.Raw(s.Quality.MeanDistressChange))),
                    Row("Helpfulness, mean", s => new Cell(Display.OneDecimal(s.Quality.MeanHelpfulness), Display.Raw(s.Quality.MeanHelpfulness))),
                    Row("Trend (7 days vs 7 before)", s => s.Trend is { } trend
                        ? new Cell($"{trend.Direction} ({(trend.DeltaPp >= 0 ? "+" : "−")}{Math.Abs(trend.DeltaPp):0} points)", Display.Raw(trend.DeltaPp))
                        : new Cell("not enough days yet", "")),
                    Row("Skipped, by reason", s => new Cell(
                        s.Skips.Values.Sum() == 0 ? "none" : string.Join(", ", s.Skips.Where(k => k.Value > 0).Select(k => $"{Display.SkipReasonLabel(k.Key)} {k.Value}")),
                        Display.Raw(s.Skips.Values.Sum()))),
                ]);
    }

    /// <summary>Each local day of the timeline: what was due and done, what was logged, and skips with their reasons.</summary>
    private static ChartFigure Calendar(TimelineResponse timeline, LocalDate today)
    {
        var days = timeline.Days.Select(d => new CalendarDay(
            Display.IsoDate(d.Date),
            Display.Date(d.Date),
            d.Date.Day,
            (int)d.Date.DayOfWeek,
            Display.ShortDate(d.Date.PlusDays(1 - (int)d.Date.DayOfWeek)),
            d.Expected,
            d.Credited,
            d.Completions.Count,
            [.. d.Skips.Select(s => Display.SkipReasonLabel(s.Reason))],
            d.Date == today)).ToList();
        return new ChartFigure(
            "calendar",
            "calendar",
            "Practice day by day",
            $"One square per local day in {timeline.TimeZone}, {Display.Date(timeline.From)} to {Display.Date(timeline.To)}: how much of the day's practice "
            + "was done (done of due), a cross where the client reported a skip. Weekly practice is due per week and is listed below. Today is still in progress.",
            new { days },
            new DataTable(
                "Practice by local day",
                ["Day", "Due", "Done", "Logged", "Skipped (reason)"],
                [.. days.Select(d => (IReadOnlyList<Cell>)
                [
                    Cell.Of(d.Today ? d.Label + " (today, in progress)" : d.Label),
                    Cell.Number(d.Expected),
                    Cell.Number(d.Credited),
                    Cell.Number(d.Completions),
                    Cell.Of(d.Skips.Count == 0 ? Display.None : string.Join(", ", d.Skips)),
                ])]),
            [new("done", "all done"), new("some", "some done"), new("none", "none done"), new("nothing", "nothing due"), new("skip", "skip reported")]);
    }

    /// <summary>Distress before and after each logged practice that has either rating, in the client's local time.</summary>
    private static ChartFigure Distress(TimelineResponse timeline, DateTimeZone zone, Func<Guid?, string, string> titleOf)
    {
        var points = timeline.Days
            .SelectMany(d => d.Completions)
            .Where(c => c.DistressBefore is not null || c.DistressAfter is not null)
            .Select(c => new DistressPoint(
                Display.LocalIso(c.CompletedAt, zone),
                Display.DateTime(c.CompletedAt, zone),
                titleOf(c.AssignmentId, c.ExerciseKey),
                c.DistressBefore,
                c.DistressAfter))
            .ToList();
        return new ChartFigure(
            "distress",
            "distress",
            "Distress before and after practice",
            "Each logged practice with a rating: distress before (open circle) and after (filled circle) on 0–10, "
            + "an arrow from one to the other; downwards is relief.",
            new { from = Display.IsoDate(timeline.From), to = Display.IsoDate(timeline.To), points },
            new DataTable(
                "Distress before and after each practice",
                ["When", "Practice", "Distress before", "Distress after"],
                [.. points.Select(p => (IReadOnlyList<Cell>)[Cell.Of(p.Label), Cell.Of(p.Practice), Cell.Number(p.Before), Cell.Number(p.After)])]),
            [new("before", "before practice"), new("after", "after practice")]);
    }

    /// <summary>Each assignment's due and done over the summary window (since the last session, up to yesterday).</summary>
    private static ChartFigure Exercises(SessionPrepResponse prep)
    {
        var rows = prep.Plans
            .SelectMany(p => p.Assignments)
            .Where(a => a.Schedule.Kind != ScheduleKind.AsNeeded)
            .Select(a => new ExerciseBar(a.AssignmentId.ToString(), a.Title, Display.Schedule(a.Schedule), a.Expected, a.Credited, a.Extra, a.AdherenceRate))
            .ToList();
        return new ChartFigure(
            "exercises",
            "progress",
            "Practice by exercise",
            $"For each practice assigned on a schedule, what was due from {Display.Date(prep.Since)} to yesterday (light bar) and how much of it was done "
            + "(dark bar). Practice given for whenever it gets hard is never due: its uses are under what helped.",
            new { rows },
            new DataTable(
                "Due and done by practice",
                ["Practice", "Schedule", "Due", "Done", "Beyond what was due", "Rate"],
                [.. rows.Select(r => (IReadOnlyList<Cell>)
                [
                    Cell.Of(r.Label),
                    Cell.Of(r.Schedule),
                    Cell.Number(r.Expected),
                    Cell.Number(r.Credited),
                    Cell.Number(r.Extra),
                    new Cell(Display.Percent(r.Rate), Display.Raw(r.Rate)),
                ])]),
            [new("due", "due"), new("done", "done")]);
    }

    /// <summary>What helped: the mean change in distress per exercise practised since the last session, and the hard moments.</summary>
    private static ChartFigure Relief(SessionPrepResponse prep, Func<string, string> titleOf)
    {
        var rows = prep.Relief
            .Select(r => new ReliefBar(r.ExerciseKey, titleOf(r.ExerciseKey), r.Uses, r.RatedUses, r.MeanDistressBefore, r.MeanDistressChange, r.ShareWithDropOf2))
            .ToList();
        var moments = prep.Moments;
        var inTheMoment = moments.Uses == 0
            ? "No practice was logged in a hard moment."
            : $"In hard moments the client practised {Display.Times(moments.Uses)} ({moments.NightUses} between 22:00 and 06:00), "
              + $"from a mean distress of {Display.OneDecimal(moments.MeanDistressBefore)}, which changed by {Display.Change(moments.MeanDistressChange)} on average.";
        return new ChartFigure(
            "relief",
            "relief",
            "What helped",
            $"For each exercise practised from {Display.Date(prep.Since)} to yesterday, plan or not, the mean change in distress from before to after "
            + "practice (bars to the left are relief), over the uses rated both times. " + inTheMoment,
            new { rows },
            new DataTable(
                "Relief by exercise (distress on 0–10)",
                ["Practice", "Uses", "Rated uses", "Distress before, mean", "Change in distress, mean", "Uses with a drop of 2 or more"],
                [.. rows.Select(r => (IReadOnlyList<Cell>)
                [
                    Cell.Of(r.Label),
                    Cell.Number(r.Uses),
                    Cell.Number(r.RatedUses),
                    new Cell(Display.OneDecimal(r.Before), Display.Raw(r.Before)),
                    new Cell(Display.Change(r.Change), Display.Raw(r.Change)),
                    new Cell(Display.Percent(r.Share), Display.Raw(r.Share)),
                ])]),
            [new("relief", "relief (distress fell)"), new("worse", "distress rose")]);
    }

    /// <summary>One outcome measure's scores over time, on its own scale, over the bands of its published scoring.</summary>
    private static ChartFigure Outcome(MeasureSeriesResponse series, DateTimeZone zone)
    {
        var instrument = Instruments.All.Single(i => i.Key == series.MeasureKey);
        var bands = instrument.Bands
            .Select((band, index) => new OutcomeBand(
                band.Label,
                instrument.ScoreOf(band.MinPoints),
                index + 1 < instrument.Bands.Count ? instrument.ScoreOf(instrument.Bands[index + 1].MinPoints) : instrument.MaxScore,
                index))
            .ToList();
        var points = series.Series
            .Select(p => new OutcomePoint(Display.LocalIso(p.AnsweredAt, zone), Display.DateTime(p.AnsweredAt, zone), p.Score, p.Band.Label, p.ChangeFromBaseline, p.Direction))
            .ToList();
        var better = series.BetterWhen == BetterWhen.Higher ? "higher is better" : "lower is better";
        return new ChartFigure(
            $"measure-{series.MeasureKey}",
            "outcome",
            $"{series.Name} over time",
            $"Each {series.Name} the client answered, since the first ({better}); the shaded bands are the instrument's published ranges, "
            + "and the change from the first answer is reliable only where the table says so.",
            new { min = instrument.MinScore, max = instrument.MaxScore, bands, points },
            new DataTable(
                $"{series.Name} scores",
                ["Answered", "Score", "Band", "Change from the first", "Reliable change"],
                [.. points.Select(p => (IReadOnlyList<Cell>)
                [
                    Cell.Of(p.Label),
                    new Cell(Display.Score(p.Score), Display.Raw(p.Score)),
                    Cell.Of(p.Band),
                    new Cell(Display.Change(p.Change), Display.Raw(p.Change)),
                    Cell.Of(Display.Direction(p.Direction)),
                ])]),
            [new("band", "published score ranges"), new("score", "score")]);
    }

    /// <summary>Weekly practice, due per 7-day period rather than per day.</summary>
    private static DataTable WeeklyOf(TimelineResponse timeline, LocalDate today, Func<Guid?, string, string> titleOf) => new(
        "Weekly practice, by week",
        ["Practice", "Week", "Due", "Done"],
        [.. timeline.WeeklyPeriods.Select(p => (IReadOnlyList<Cell>)
        [
            Cell.Of(titleOf(p.AssignmentId, p.ExerciseKey)),
            Cell.Of($"{Display.ShortDate(p.From)} – {Display.ShortDate(p.To)}{(p.To >= today ? " (in progress)" : "")}"),
            Cell.Number(p.Expected),
            Cell.Number(p.Done),
        ])]);

    private sealed record CalendarDay(string Date, string Label, int Day, int Weekday, string Week, int Expected, int Credited, int Completions, IReadOnlyList<string> Skips, bool Today);

    private sealed record DistressPoint(string At, string Label, string Practice, int? Before, int? After);

    private sealed record ReliefBar(string Id, string Label, int Uses, int RatedUses, double? Before, double? Change, double? Share);

    private sealed record OutcomeBand(string Label, double From, double To, int Index);

    private sealed record OutcomePoint(string At, string Label, double Score, string Band, double Change, string Direction);

    private sealed record ExerciseBar(string Id, string Label, string Schedule, int Expected, int Credited, int Extra, double? Rate);
}

/// <summary>Something that needs the therapist's attention before the session: an open safety alert (always first), or a flag.</summary>
public sealed record AttentionItem(string Key, string Label, string Meaning, bool Urgent, bool IsAlert);

/// <summary>A reflection the client shares, as staff may read it.</summary>
public sealed record ReflectionView(string When, string Practice, string Text);
