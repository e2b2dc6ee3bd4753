using Clinic.Domain.Plans;
using NodaTime;

namespace Clinic.Domain.Adherence;

/// <summary>
/// The local dates on which the plan was paused, as known at asOf: [local date of PausedAt, local date of
/// ResumedAt). A pause that had not resumed by asOf stays open, so every later date is paused.
/// </summary>
internal sealed class PauseCalendar
{
    private readonly List<(LocalDate First, LocalDate? ResumedOn)> pausedRanges = [];

    public PauseCalendar(IEnumerable<PlanPause> pauses, DateTimeZone zone, Instant asOf)
    {
        foreach (var pause in pauses)
        {
            // A pause recorded after asOf did not exist yet; ignoring it keeps the summary reproducible.
            if (pause.PausedAt > asOf)
            {
                continue;
            }

            var resumedOn = pause.ResumedAt is { } resumedAt && resumedAt <= asOf
                ? resumedAt.InZone(zone).Date
                : (LocalDate?)null;
            pausedRanges.Add((pause.PausedAt.InZone(zone).Date, resumedOn));
        }
    }

    public bool IsPaused(LocalDate date)
    {
        foreach (var (first, resumedOn) in pausedRanges)
        {
            if (date >= first && (resumedOn is null || date < resumedOn.Value))
            {
                return true;
            }
        }

        return false;
    }
}
