using NodaTime;

namespace Clinic.Domain.Adherence;

/// <summary>ADHERENCE.md, "Flags": each rule named, evaluated in the contract's order, each flag at most once.</summary>
internal static class AdherenceFlagRules
{
    private const int HighDistressThreshold = 8;
    private const int InactiveLookbackDays = 2;

    public static IReadOnlyList<string> Evaluate(
        AdherenceFacts facts,
        int expected,
        int credited,
        TrendSummary? trend,
        int reflectionsShared)
    {
        var flags = new List<string>();
        AddWhen(flags, AdherenceFlags.NotStarted, expected > 0 && facts.CompletionsInWindow.Count == 0);
        AddWhen(flags, AdherenceFlags.LowAdherence, IsLowAdherence(expected, credited));
        AddWhen(flags, AdherenceFlags.Inactive, IsInactive(facts));
        AddWhen(flags, AdherenceFlags.Declining, trend?.Direction == TrendDirections.Declining);
        AddWhen(flags, AdherenceFlags.HighDistress, HasHighDistress(facts));
        AddWhen(flags, AdherenceFlags.ReflectionsToReview, reflectionsShared > 0);
        return flags;
    }

    /// <summary>Rate below one half, compared on integers so no rounding decides it; no rate, no flag.</summary>
    private static bool IsLowAdherence(int expected, int credited) => expected > 0 && credited * 2 < expected;

    /// <summary>
    /// Something was due in the last three window days, yet nothing was logged from the first of them through today.
    /// </summary>
    private static bool IsInactive(AdherenceFacts facts)
    {
        var window = facts.Window;
        if (window.IsEmpty)
        {
            return false;
        }

        var lookbackStart = window.To.PlusDays(-InactiveLookbackDays);
        var anyDue = false;
        for (var date = LocalDate.Max(lookbackStart, window.From); date <= window.To && !anyDue; date = date.PlusDays(1))
        {
            anyDue = DueDays.AnyDailyDueOn(facts, date);
        }

        return anyDue && !facts.Completions.Exists(c => c.LocalDate >= lookbackStart && c.LocalDate <= facts.Today);
    }

    private static bool HasHighDistress(AdherenceFacts facts) =>
        facts.Completions.Exists(c =>
            (facts.Window.Contains(c.LocalDate) || c.LocalDate == facts.Today)
            && c.Fact.DistressAfter >= HighDistressThreshold);

    private static void AddWhen(List<string> flags, string flag, bool condition)
    {
        if (condition)
        {
            flags.Add(flag);
        }
    }
}
