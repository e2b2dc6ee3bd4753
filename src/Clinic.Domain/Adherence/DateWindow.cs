using NodaTime;

namespace Clinic.Domain.Adherence;

/// <summary>An inclusive range of local dates; empty when <see cref="To"/> is before <see cref="From"/>.</summary>
internal readonly record struct DateWindow(LocalDate From, LocalDate To)
{
    public bool IsEmpty => To < From;

    public int Days => IsEmpty ? 0 : Period.DaysBetween(From, To) + 1;

    public bool Contains(LocalDate date) => date >= From && date <= To;

    /// <summary>Whether the whole range [first, last] lies inside this window.</summary>
    public bool Covers(LocalDate first, LocalDate last) => !IsEmpty && first >= From && last <= To;
}
