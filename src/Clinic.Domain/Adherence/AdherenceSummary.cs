using Clinic.Domain.Plans;
using NodaTime;

namespace Clinic.Domain.Adherence;

/// <summary>
/// The plan summary exactly as ADHERENCE.md (definitionsVersion "2026-12") defines it: every figure of 2026-11 as it
/// was, and what helped (<see cref="Relief"/>, <see cref="Moments"/>). Property names are the contract's field
/// names; the API writes them in camelCase.
/// </summary>
public sealed record AdherenceSummary(
    Guid PlanId,
    Guid ClientId,
    string TimeZone,
    Instant AsOf,
    string DefinitionsVersion,
    SummaryWindow Window,
    int Expected,
    int Credited,
    int Extra,
    double? AdherenceRate,
    int DueDays,
    int PracticedDueDays,
    double? Pdc,
    int CurrentStreak,
    int LongestStreak,
    Instant? LastCompletedAt,
    int? DaysSinceLastCompletion,
    QualitySummary Quality,
    IReadOnlyDictionary<string, int> Skips,
    IReadOnlyList<SharedReflection> ReflectionsShared,
    TrendSummary? Trend,
    IReadOnlyList<TodayProgress> Today,
    IReadOnlyList<AssignmentSummary> Assignments,
    IReadOnlyList<string> Flags,
    IReadOnlyList<ExerciseRelief> Relief,
    MomentsSummary Moments);

/// <summary>The inclusive local-date window; <see cref="Days"/> is 0 when it is empty (To before From).</summary>
public sealed record SummaryWindow(LocalDate From, LocalDate To, int Days);

public sealed record QualitySummary(
    int Completions,
    int TotalMinutes,
    int Backfilled,
    double? MeanDistressBefore,
    double? MeanDistressAfter,
    double? MeanDistressChange,
    double? MeanHelpfulness);

public sealed record SharedReflection(
    Guid CompletionId,
    Guid AssignmentId,
    string ExerciseKey,
    Instant CompletedAt,
    string Reflection);

public sealed record TrendSummary(double RecentRate, double PriorRate, double DeltaPp, string Direction);

public sealed record TodayProgress(Guid AssignmentId, int Expected, int Done);

public sealed record AssignmentSummary(
    Guid AssignmentId,
    string ExerciseKey,
    string Title,
    Schedule Schedule,
    int Expected,
    int Credited,
    int Extra,
    double? AdherenceRate,
    Instant? LastCompletedAt,
    bool? OnTime,
    int? Uses);

/// <summary>The values of <see cref="TrendSummary.Direction"/> (ADHERENCE.md, "Trend").</summary>
public static class TrendDirections
{
    public const string Improving = "improving";
    public const string Stable = "stable";
    public const string Declining = "declining";
}

/// <summary>The flag names, in the order ADHERENCE.md lists them.</summary>
public static class AdherenceFlags
{
    public const string NotStarted = "not_started";
    public const string LowAdherence = "low_adherence";
    public const string Inactive = "inactive";
    public const string Declining = "declining";
    public const string HighDistress = "high_distress";
    public const string ReflectionsToReview = "reflections_to_review";
}
