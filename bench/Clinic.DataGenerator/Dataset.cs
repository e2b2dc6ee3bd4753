using System.Globalization;
using NodaTime;

namespace Clinic.DataGenerator;

/// <summary>
/// The shape of the generated practice. Ids are derived from an index (<see cref="Ids"/>), so load scripts and
/// SQL floors can name the n-th client, plan or assignment without a lookup.
/// </summary>
public sealed class Dataset(GeneratorOptions options)
{
    public static readonly string[] Zones = ["America/New_York", "Europe/Berlin", "America/Los_Angeles", "Europe/London", "Australia/Sydney"];

    /// <summary>The three assignments of every plan: daily x1, daily x2 on weekdays, weekly x3.</summary>
    public static readonly AssignmentShape[] Shapes =
    [
        new("self-compassion-break", "Self-Compassion Break", 1, "Daily", 1, 0, 0),
        new("affectionate-breathing", "Affectionate Breathing", 2, "Daily", 2, Weekdays, 0),
        new("self-compassion-journal", "Self-Compassion Journal", 6, "Weekly", 0, 0, 3),
    ];

    /// <summary>Monday..Friday as the schedule stores days: bit n for ISO day n.</summary>
    public const int Weekdays = (1 << 1) | (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5);

    public GeneratorOptions Options { get; } = options;

    public Instant Now { get; } = SystemClock.Instance.GetCurrentInstant();

    public LocalDate Today => Now.InUtc().Date;

    public static Guid PracticeId => Ids.Of(Ids.Practice, 0);

    public Guid TherapistOf(int client) => Ids.Of(Ids.Therapist, client % Options.Therapists);

    public static DateTimeZone ZoneOf(int client) => DateTimeZoneProviders.Tzdb[Zones[client % Zones.Length]];

    /// <summary>The client's plans, oldest first; the last is the current (active) one, whose id is <c>Ids.Of(Plan, client)</c>.</summary>
    public IReadOnlyList<PlanSpan> PlansOf(int client)
    {
        var today = Now.InZone(ZoneOf(client)).Date;
        var currentStart = today.PlusDays(-Options.Days);
        var plans = new List<PlanSpan> { new(client, client, currentStart, currentStart.PlusDays(HomeworkPlanMaxDays - 1), today, Current: true) };
        var remaining = Options.HistoryDays - Options.Days;
        var end = currentStart.PlusDays(-1);
        for (var k = 1; remaining > 0; k++)
        {
            var length = Math.Min(remaining, HomeworkPlanMaxDays);
            var start = end.PlusDays(-(length - 1));
            plans.Insert(0, new PlanSpan((k * Options.Clients) + client, client, start, end, end.PlusDays(1), Current: false));
            remaining -= length;
            end = start.PlusDays(-1);
        }

        return plans;
    }

    public const int HomeworkPlanMaxDays = 180;
}

/// <summary>A plan's dates; completions are generated for [Start, HistoryEnd).</summary>
public sealed record PlanSpan(long Index, int Client, LocalDate Start, LocalDate End, LocalDate HistoryEnd, bool Current)
{
    public Guid Id => Ids.Of(Current ? Ids.Plan : Ids.PreviousPlan, Index);

    public Guid AssignmentId(int shape) => Ids.Of(Current ? Ids.Assignment : Ids.PreviousAssignment, (Index * 3) + shape);
}

public sealed record AssignmentShape(string ExerciseKey, string Title, int ExerciseNumber, string Kind, int TimesPerDay, int DaysOfWeekMask, int TimesPerWeek)
{
    public Guid ExerciseId => Guid.Parse($"0195a000-0000-7000-8000-{ExerciseNumber:D12}", CultureInfo.InvariantCulture);

    /// <summary>How many completions are due on a day (a weekly x3 counts as 3/7 a day).</summary>
    public double ExpectedOn(LocalDate date) => Kind switch
    {
        "Weekly" => TimesPerWeek / 7.0,
        _ when DaysOfWeekMask != 0 && (DaysOfWeekMask & (1 << (int)date.DayOfWeek)) == 0 => 0,
        _ => TimesPerDay,
    };
}

/// <summary>Ids built from a kind and an index: <c>kkkkkkkk-0000-4000-8000-nnnnnnnnnnnn</c> (hex).</summary>
public static class Ids
{
    public const int Practice = 1;
    public const int Therapist = 2;
    public const int Client = 3;
    public const int Plan = 4;
    public const int Assignment = 5;
    public const int PreviousPlan = 6;
    public const int PreviousAssignment = 7;

    public static Guid Of(int kind, long n) =>
        Guid.Parse($"{kind:x8}-0000-4000-8000-{n:x12}", CultureInfo.InvariantCulture);
}
