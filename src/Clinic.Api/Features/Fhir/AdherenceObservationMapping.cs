using Clinic.Domain.Adherence;
using Hl7.Fhir.Model;
using NodaTime.Text;

namespace Clinic.Api.Features.Fhir;

/// <summary>
/// A plan's adherence summary (ADHERENCE.md) as an Observation: value = adherence rate in percent (UCUM <c>%</c>),
/// effectivePeriod = the summary window (local dates), issued = asOf, basedOn = the CarePlan, and components for
/// expected, credited, extra, pdc, currentStreak and meanDistressChange. A number that is null in the summary (no
/// tasks due, no ratings) is absent with dataAbsentReason <c>not-applicable</c>, never 0.
/// </summary>
public static class AdherenceObservationMapping
{
    public const string ObservationSystem = "https://clinic.example/fhir/CodeSystem/observation";
    public const string SummaryCode = "adherence-summary";

    private const string Ucum = "http://unitsofmeasure.org";
    private const string CategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";
    private const string DataAbsentSystem = "http://terminology.hl7.org/CodeSystem/data-absent-reason";

    public static Observation ToObservation(AdherenceSummary summary)
    {
        var observation = new Observation
        {
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept(CategorySystem, "therapy", "Therapy", null)],
            Code = new CodeableConcept(ObservationSystem, SummaryCode, "Homework adherence summary", null),
            Subject = new ResourceReference($"Patient/{summary.ClientId}"),
            BasedOn = [new ResourceReference($"CarePlan/{summary.PlanId}")],
            Issued = summary.AsOf.ToDateTimeOffset(),
            Method = new CodeableConcept { Text = $"Adherence definitions version {summary.DefinitionsVersion}" },
        };

        // An empty window (the plan has not run a full day yet) has no period that FHIR can express.
        if (summary.Window.Days > 0)
        {
            observation.Effective = new Period { Start = Date(summary.Window.From), End = Date(summary.Window.To) };
        }

        if (Percent(summary.Credited, summary.Expected) is { } rate)
        {
            observation.Value = rate;
        }
        else
        {
            observation.DataAbsentReason = NotApplicable();
        }

        observation.Component =
        [
            Component("expected", "Expected practices", new Integer(summary.Expected)),
            Component("credited", "Credited practices", new Integer(summary.Credited)),
            Component("extra", "Extra practices, not credited", new Integer(summary.Extra)),
            Component("pdc", "Proportion of due days covered", Percent(summary.PracticedDueDays, summary.DueDays)),
            Component("currentStreak", "Current streak of met due days", new Integer(summary.CurrentStreak)),
            Component("meanDistressChange", "Mean change in distress (after - before, 0..10 scale)", Score(summary.Quality.MeanDistressChange)),
        ];
        return observation;
    }

    /// <summary>part / whole in percent, computed from the counts so no binary rounding creeps in; null when whole is 0.</summary>
    private static Quantity? Percent(int part, int whole) => whole == 0
        ? null
        : new Quantity { Value = Math.Round(part * 100m / whole, 4), Unit = "%", System = Ucum, Code = "%" };

    private static Quantity? Score(double? value) => value is { } v
        ? new Quantity { Value = Math.Round((decimal)v, 4), Unit = "{score}", System = Ucum, Code = "{score}" }
        : null;

    private static Observation.ComponentComponent Component(string code, string display, DataType? value)
    {
        var component = new Observation.ComponentComponent { Code = new CodeableConcept(ObservationSystem, code, display, null) };
        if (value is null)
        {
            component.DataAbsentReason = NotApplicable();
        }
        else
        {
            component.Value = value;
        }

        return component;
    }

    private static CodeableConcept NotApplicable() => new(DataAbsentSystem, "not-applicable", "Not Applicable", null);

    private static string Date(NodaTime.LocalDate date) => LocalDatePattern.Iso.Format(date);
}
