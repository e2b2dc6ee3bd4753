using Clinic.Domain.Exercises;
using NodaTime;

namespace Clinic.Domain.Support;

/// <summary>Why a practice is offered right now.</summary>
public enum SupportReason
{
    /// <summary>It lowered this client's distress before, from a similar distress.</summary>
    HelpedYouBefore,

    /// <summary>The therapist assigned it as needed: "use this whenever it gets hard".</summary>
    YourTherapistSuggested,

    /// <summary>A short practice of the library made for a hard moment.</summary>
    QuickInTheMoment,
}

/// <summary>
/// The client's rated practice of one exercise that began at a distress similar to the one reported now
/// (<see cref="SupportNowRanking.SimilarDistress"/>): how many such uses, their mean drop in distress (before minus
/// after; positive = relief) and the latest of them.
/// </summary>
public sealed record ReliefHistory(string ExerciseKey, int Uses, double MeanDrop, Instant LastUsedAt);

/// <summary>
/// An exercise that may be offered, as an app guides it. <see cref="InLibrary"/> is false for one the practice retired,
/// which is offered only to a client who still has it assigned.
/// </summary>
public sealed record OfferableExercise(
    string ExerciseKey,
    string Title,
    string Summary,
    IReadOnlyList<string> Steps,
    int DurationMinutes,
    IReadOnlyList<ExerciseTag> Tags,
    bool InLibrary);

/// <summary>An as-needed assignment of an active plan whose dates hold today: the title it was assigned with and its instructions.</summary>
public sealed record AsNeededSuggestion(string ExerciseKey, string Title, string? Instructions);

/// <summary>One practice offered right now, with why, and what the client's history or therapist adds to it.</summary>
public sealed record SupportPractice(SupportReason Reason, OfferableExercise Exercise, AsNeededSuggestion? Suggestion, ReliefHistory? History)
{
    /// <summary>The therapist's title for an assigned exercise, else the library's.</summary>
    public string Title => Suggestion?.Title ?? Exercise.Title;
}

/// <summary>
/// What to offer a client who says they are struggling now (README, "Support now"; ADHERENCE.md, "Support now
/// ranking"). Pure. At most <see cref="MaxPractices"/> exercises, each once, taken in this order:
/// <list type="number">
/// <item>what helped this client before: exercises with at least <see cref="MinUses"/> rated uses that began within
/// <see cref="SimilarDistress"/> of the distress reported now and whose mean drop is above 0; the largest mean drop
/// first, then more uses, then the most recent use, then by key;</item>
/// <item>the therapist's as-needed assignments, in the order given (latest started plan first, then the plan's order);</item>
/// <item>the library's short practices for a hard moment: tagged in_the_moment, at most <see cref="ShortMinutes"/>
/// minutes, shortest first, then by key.</item>
/// </list>
/// Only exercises that can be offered count: in the library, or retired but still assigned to the client.
/// </summary>
public static class SupportNowRanking
{
    public const int MaxPractices = 3;

    /// <summary>A past use is at a similar distress when its distress before is within this many points of now's.</summary>
    public const int SimilarDistress = 2;

    /// <summary>Fewer rated uses than this are not yet a history.</summary>
    public const int MinUses = 3;

    /// <summary>A practice for a hard moment is short when it takes at most this many minutes.</summary>
    public const int ShortMinutes = 10;

    /// <summary>The distress-before ratings that count as similar to <paramref name="distress"/> (both ends included).</summary>
    public static (int Low, int High) SimilarRange(int distress) =>
        (Math.Max(0, distress - SimilarDistress), Math.Min(10, distress + SimilarDistress));

    /// <param name="history">The client's rated uses at a similar distress, per exercise (any order).</param>
    /// <param name="suggestions">The therapist's as-needed assignments, in the order they are to be offered.</param>
    /// <param name="exercises">Exercises that can be offered, by key.</param>
    public static IReadOnlyList<SupportPractice> Rank(
        IEnumerable<ReliefHistory> history,
        IReadOnlyList<AsNeededSuggestion> suggestions,
        IReadOnlyDictionary<string, OfferableExercise> exercises)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(suggestions);
        ArgumentNullException.ThrowIfNull(exercises);
        var historyByKey = history.ToDictionary(h => h.ExerciseKey, StringComparer.Ordinal);
        var chosen = new List<SupportPractice>(MaxPractices);

        void Offer(SupportReason reason, string key)
        {
            if (chosen.Count < MaxPractices && chosen.TrueForAll(p => p.Exercise.ExerciseKey != key) && exercises.TryGetValue(key, out var exercise))
            {
                chosen.Add(new SupportPractice(reason, exercise, suggestions.FirstOrDefault(s => s.ExerciseKey == key), historyByKey.GetValueOrDefault(key)));
            }
        }

        var helped = historyByKey.Values
            .Where(h => h.Uses >= MinUses && h.MeanDrop > 0)
            .OrderByDescending(h => h.MeanDrop)
            .ThenByDescending(h => h.Uses)
            .ThenByDescending(h => h.LastUsedAt)
            .ThenBy(h => h.ExerciseKey, StringComparer.Ordinal);
        foreach (var past in helped)
        {
            Offer(SupportReason.HelpedYouBefore, past.ExerciseKey);
        }

        foreach (var suggestion in suggestions)
        {
            Offer(SupportReason.YourTherapistSuggested, suggestion.ExerciseKey);
        }

        var quick = exercises.Values
            .Where(e => e.InLibrary && e.Tags.Contains(ExerciseTag.InTheMoment) && e.DurationMinutes <= ShortMinutes)
            .OrderBy(e => e.DurationMinutes)
            .ThenBy(e => e.ExerciseKey, StringComparer.Ordinal);
        foreach (var exercise in quick)
        {
            Offer(SupportReason.QuickInTheMoment, exercise.ExerciseKey);
        }

        return chosen;
    }
}
