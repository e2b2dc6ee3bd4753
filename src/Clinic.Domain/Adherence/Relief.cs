using Clinic.Domain.Completions;
using NodaTime;

namespace Clinic.Domain.Adherence;

/// <summary>A logged practice as "what helped" reads it: which exercise, when, why, and distress before and after.</summary>
public readonly record struct ReliefFact(string ExerciseKey, Instant CompletedAt, CompletionContext Context, int? DistressBefore, int? DistressAfter);

/// <summary>
/// What practising one exercise did for the client's distress (ADHERENCE.md, "Relief"): <see cref="Uses"/> counts every
/// completion, <see cref="RatedUses"/> those with distress before and after, which the change and the share are over.
/// </summary>
public sealed record ExerciseRelief(
    string ExerciseKey,
    int Uses,
    int RatedUses,
    double? MeanDistressBefore,
    double? MeanDistressChange,
    double? ShareWithDropOf2);

/// <summary>Practice in hard moments (ADHERENCE.md, "Moments"): how often, how often at night, and how it went.</summary>
public sealed record MomentsSummary(int Uses, int NightUses, double? MeanDistressBefore, double? MeanDistressChange)
{
    public static MomentsSummary None { get; } = new(0, 0, null, null);
}

/// <summary>Relief over every practice of a set, whatever the exercise (ADHERENCE.md, "Practice beside outcome").</summary>
public sealed record OverallRelief(int Uses, int RatedUses, double? MeanDistressChange, double? ShareWithDropOf2)
{
    public static OverallRelief None { get; } = new(0, 0, null, null);
}

/// <summary>Relief per exercise and the moments, over one set of completions, and the relief over all of them.</summary>
public sealed record ReliefSummary(IReadOnlyList<ExerciseRelief> Relief, MomentsSummary Moments)
{
    public static ReliefSummary None { get; } = new([], MomentsSummary.None);

    public OverallRelief Overall { get; init; } = OverallRelief.None;
}

/// <summary>
/// ADHERENCE.md (definitionsVersion "2026-12"), "Relief" and "Moments": what helped, computed from the completions a
/// summary counts (every assignment's, as-needed ones included, in the window) or those of a session prep. Pure.
/// </summary>
public static class ReliefRules
{
    /// <summary>A drop in distress of at least this much is one a client feels.</summary>
    public const int FeltDrop = 2;

    /// <summary>Night runs from 22:00 (included) to 06:00 (excluded), local time.</summary>
    public static readonly LocalTime NightStarts = new(22, 0);

    public static readonly LocalTime NightEnds = new(6, 0);

    public static bool IsNight(LocalTime time) => time >= NightStarts || time < NightEnds;

    /// <summary>
    /// The plan's completions a summary counts for relief and moments: of any of its assignments, at or before asOf,
    /// with local date in the window (<see cref="AdherenceCalculator.WindowOf"/>).
    /// </summary>
    public static List<ReliefFact> Counted(AdherencePlan plan, IReadOnlyList<CompletionFact> completions, Instant asOf, LocalDate? requestedFrom)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(completions);
        var window = AdherenceCalculator.WindowOf(plan, asOf, requestedFrom);
        if (window.Days == 0)
        {
            return [];
        }

        var counted = new List<ReliefFact>(completions.Count);
        var keys = new Dictionary<Guid, string>(plan.Assignments.Count);
        foreach (var assignment in plan.Assignments)
        {
            keys.TryAdd(assignment.AssignmentId, assignment.ExerciseKey);
        }

        foreach (var completion in completions)
        {
            if (completion.CompletedAt > asOf || !keys.TryGetValue(completion.AssignmentId, out var key))
            {
                continue;
            }

            var date = completion.CompletedAt.InZone(plan.TimeZone).Date;
            if (date >= window.From && date <= window.To)
            {
                counted.Add(new ReliefFact(key, completion.CompletedAt, completion.Context, completion.DistressBefore, completion.DistressAfter));
            }
        }

        return counted;
    }

    /// <summary>
    /// Relief per exercise, most relief first (lowest meanDistressChange; none last), then most used, then by key;
    /// and the moments, night judged on the local time in <paramref name="zone"/>.
    /// </summary>
    public static ReliefSummary Summarize(IEnumerable<ReliefFact> practices, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(practices);
        ArgumentNullException.ThrowIfNull(zone);
        var byExercise = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var moments = new Tally();
        var overall = new Tally();
        var nightUses = 0;
        foreach (var practice in practices)
        {
            if (!byExercise.TryGetValue(practice.ExerciseKey, out var tally))
            {
                tally = new Tally();
                byExercise.Add(practice.ExerciseKey, tally);
            }

            tally.Add(practice);
            overall.Add(practice);
            if (practice.Context == CompletionContext.InTheMoment)
            {
                moments.Add(practice);
                nightUses += IsNight(practice.CompletedAt.InZone(zone).TimeOfDay) ? 1 : 0;
            }
        }

        var relief = byExercise
            .Select(e => new ExerciseRelief(e.Key, e.Value.Uses, e.Value.Rated, e.Value.MeanBefore, e.Value.MeanChange, e.Value.ShareWithFeltDrop))
            .OrderBy(r => r.MeanDistressChange is null)
            .ThenBy(r => r.MeanDistressChange ?? 0)
            .ThenByDescending(r => r.Uses)
            .ThenBy(r => r.ExerciseKey, StringComparer.Ordinal)
            .ToList();
        return new ReliefSummary(relief, new MomentsSummary(moments.Uses, nightUses, moments.MeanBefore, moments.MeanChange))
        {
            Overall = new OverallRelief(overall.Uses, overall.Rated, overall.MeanChange, overall.ShareWithFeltDrop),
        };
    }

    /// <summary>Counts and sums, so that means are taken once over every practice, never as means of means.</summary>
    private sealed class Tally
    {
        private int before;
        private long sumBefore;
        private long sumChange;
        private int feltDrops;

        public int Uses { get; private set; }

        public int Rated { get; private set; }

        public double? MeanBefore => before == 0 ? null : (double)sumBefore / before;

        public double? MeanChange => Rated == 0 ? null : (double)sumChange / Rated;

        public double? ShareWithFeltDrop => Rated == 0 ? null : (double)feltDrops / Rated;

        public void Add(ReliefFact practice)
        {
            Uses++;
            if (practice.DistressBefore is { } distressBefore)
            {
                before++;
                sumBefore += distressBefore;
                if (practice.DistressAfter is { } distressAfter)
                {
                    Rated++;
                    sumChange += distressAfter - distressBefore;
                    feltDrops += distressBefore - distressAfter >= FeltDrop ? 1 : 0;
                }
            }
        }
    }
}
