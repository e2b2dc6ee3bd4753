using Clinic.Domain.Completions;
using NodaTime;

namespace Clinic.Domain.Adherence;

/// <summary>ADHERENCE.md, "Quality": ratings, minutes, backfills, shared reflections and skips in the window.</summary>
internal static class CompletionQuality
{
    public const int MaxReflectionsShared = 5;

    /// <summary>A completion received more than this after it happened was logged after the fact.</summary>
    private static readonly Duration BackfillThreshold = Duration.FromHours(24);

    public static QualitySummary Summarize(IReadOnlyList<LocatedCompletion> completionsInWindow)
    {
        var totalMinutes = 0;
        var backfilled = 0;
        var distressBefore = new RunningMean();
        var distressAfter = new RunningMean();
        var distressChange = new RunningMean();
        var helpfulness = new RunningMean();

        foreach (var completion in completionsInWindow)
        {
            var fact = completion.Fact;
            totalMinutes += fact.DurationMinutes ?? 0;
            if (fact.ReceivedAt - fact.CompletedAt > BackfillThreshold)
            {
                backfilled++;
            }

            distressBefore.Add(fact.DistressBefore);
            distressAfter.Add(fact.DistressAfter);
            helpfulness.Add(fact.Helpfulness);
            if (fact is { DistressBefore: { } before, DistressAfter: { } after })
            {
                distressChange.Add(after - before);
            }
        }

        return new QualitySummary(
            Completions: completionsInWindow.Count,
            TotalMinutes: totalMinutes,
            Backfilled: backfilled,
            MeanDistressBefore: distressBefore.Mean,
            MeanDistressAfter: distressAfter.Mean,
            MeanDistressChange: distressChange.Mean,
            MeanHelpfulness: helpfulness.Mean);
    }

    /// <summary>The newest shared, non-blank reflections; ties on time are broken by completion id so the order is stable.</summary>
    public static IReadOnlyList<SharedReflection> NewestSharedReflections(AdherenceFacts facts)
    {
        var shared = facts.CompletionsInWindow
            .Where(c => c.Fact.ShareWithTherapist && !string.IsNullOrWhiteSpace(c.Fact.Reflection))
            .ToList();
        shared.Sort(static (a, b) =>
        {
            var byTime = b.Fact.CompletedAt.CompareTo(a.Fact.CompletedAt);
            return byTime != 0
                ? byTime
                : string.CompareOrdinal(a.Fact.CompletionId.ToString(), b.Fact.CompletionId.ToString());
        });

        return shared
            .Take(MaxReflectionsShared)
            .Select(c => new SharedReflection(
                c.Fact.CompletionId,
                c.Fact.AssignmentId,
                facts.Assignments[c.AssignmentIndex].ExerciseKey,
                c.Fact.CompletedAt,
                c.Fact.Reflection!))
            .ToList();
    }

    /// <summary>Skip reports in the window for the plan's assignments, with all six reasons always present, in contract order.</summary>
    public static IReadOnlyDictionary<string, int> CountSkips(AdherenceFacts facts, IReadOnlyCollection<SkipFact> skips)
    {
        var counts = new OrderedDictionary<string, int>();
        foreach (var reason in Enum.GetValues<SkipReason>())
        {
            counts.Add(WireName(reason), 0);
        }

        var planAssignmentIds = facts.Assignments.Select(a => a.AssignmentId).ToHashSet();
        foreach (var skip in skips)
        {
            if (facts.Window.Contains(skip.Date) && planAssignmentIds.Contains(skip.AssignmentId))
            {
                counts[WireName(skip.Reason)]++;
            }
        }

        return counts;
    }

    public static string WireName(SkipReason reason) => reason switch
    {
        SkipReason.Forgot => "forgot",
        SkipReason.NoTime => "no_time",
        SkipReason.TooDistressing => "too_distressing",
        SkipReason.Unclear => "unclear",
        SkipReason.NotHelpful => "not_helpful",
        SkipReason.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown skip reason."),
    };

    /// <summary>A plain mean over the values present; null when none are.</summary>
    private sealed class RunningMean
    {
        private long sum;
        private int count;

        public double? Mean => count == 0 ? null : (double)sum / count;

        public void Add(int? value)
        {
            if (value is { } present)
            {
                sum += present;
                count++;
            }
        }
    }
}
