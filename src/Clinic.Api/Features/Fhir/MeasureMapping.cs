using Clinic.Api.Features.Measures;
using Clinic.Domain.Measures;
using Hl7.Fhir.Model;

namespace Clinic.Api.Features.Fhir;

/// <summary>A QuestionnaireResponse read into the terms of a measure response; <see cref="Subject"/> still has to be resolved to a client.</summary>
public sealed record QuestionnaireResponseInput(Instrument Instrument, PatientReference Subject, NodaTime.Instant AnsweredAt, IReadOnlyList<int> Answers, FhirFieldPaths Paths)
{
    public RecordMeasureResponseCommand ToCommand(Guid clientId) => new(Answers, AnsweredAt) { MeasureKey = Instrument.Key, ClientId = clientId };
}

/// <summary>
/// The outcome measures in FHIR R4 (docs/MEASURES.md): each instrument is a Questionnaire at
/// <c>https://clinic.example/fhir/Questionnaire/{key}</c> (items by number as linkId, answerOption codings with their
/// ordinalValue: LOINC answer codes for the PHQ-9 and GAD-7, <see cref="AnswerSystemOf"/> for the SCS-SF); answers come
/// in and go out as QuestionnaireResponses; scores go out as Observations (LOINC 44261-6 and 70274-6 for the PHQ-9
/// and GAD-7 totals, <c>scs-sf-score</c> in the observation code system for the SCS-SF mean), derived from the
/// QuestionnaireResponse of the same id.
/// </summary>
public static class MeasureMapping
{
    public const string QuestionnaireBase = "https://clinic.example/fhir/Questionnaire/";
    public const string Loinc = "http://loinc.org";
    public const string BandSystem = "https://clinic.example/fhir/CodeSystem/measure-band";
    public const string ScsSfScoreCode = "scs-sf-score";

    private const string OrdinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
    private const string Ucum = "http://unitsofmeasure.org";
    private const string CategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";

    public static string CanonicalOf(Instrument instrument) => QuestionnaireBase + instrument.Key;

    /// <summary>The system of an instrument's answer codes: LOINC where its answers have LOINC codes, else one of ours.</summary>
    public static string AnswerSystemOf(Instrument instrument) =>
        instrument.Options.All(o => o.Code is not null) ? Loinc : $"https://clinic.example/fhir/CodeSystem/{instrument.Key}-answer";

    public static Coding AnswerCoding(Instrument instrument, ResponseOption option) =>
        new(AnswerSystemOf(instrument), option.Code ?? option.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), option.Label ?? option.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static Questionnaire ToQuestionnaire(Instrument instrument) => new()
    {
        Id = instrument.Key,
        Url = CanonicalOf(instrument),
        Name = instrument.Name.Replace("-", "", StringComparison.Ordinal),
        Title = instrument.Title,
        Status = PublicationStatus.Active,
        SubjectType = [ResourceType.Patient],
        Description = $"{instrument.Instructions}\n\nCitation: {instrument.Citation}",
        Copyright = instrument.License,
        Item =
        [
            .. instrument.Items.Select(item => new Questionnaire.ItemComponent
            {
                LinkId = Link(item.Number),
                Prefix = $"{item.Number}.",
                Text = item.Text,
                Type = Questionnaire.QuestionnaireItemType.Choice,
                Required = true,
                AnswerOption =
                [
                    .. instrument.Options.Select(option => new Questionnaire.AnswerOptionComponent
                    {
                        Value = AnswerCoding(instrument, option),
                        Extension = [new Extension(OrdinalValue, new FhirDecimal(option.Value))],
                    }),
                ],
            }),
        ],
    };

    public static QuestionnaireResponse ToQuestionnaireResponse(MeasureResponseResult response)
    {
        var instrument = Instruments.Find(response.MeasureKey)!;
        return new QuestionnaireResponse
        {
            Id = response.Id.ToString(),
            Questionnaire = CanonicalOf(instrument),
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = new ResourceReference($"Patient/{response.ClientId}"),
            Authored = new FhirDateTime(response.AnsweredAt.ToDateTimeOffset()).Value,
            Item =
            [
                .. instrument.Items.Select((item, index) => new QuestionnaireResponse.ItemComponent
                {
                    LinkId = Link(item.Number),
                    Text = item.Text,
                    Answer = [new QuestionnaireResponse.AnswerComponent { Value = AnswerCoding(instrument, instrument.Options.Single(o => o.Value == response.Answers[index])) }],
                }),
            ],
        };
    }

    /// <summary>The score of a response as an Observation: final, category survey, valueQuantity in UCUM {score}, the band as interpretation.</summary>
    public static Observation ToObservation(Guid responseId, Guid clientId, string measureKey, NodaTime.Instant answeredAt, double score, MeasureBand band)
    {
        var instrument = Instruments.Find(measureKey)!;
        return new Observation
        {
            Id = responseId.ToString(),
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept(CategorySystem, "survey", "Survey", null)],
            Code = CodeOf(instrument),
            Subject = new ResourceReference($"Patient/{clientId}"),
            Effective = new FhirDateTime(answeredAt.ToDateTimeOffset()),
            Value = new Quantity { Value = Math.Round((decimal)score, 4), Unit = "{score}", System = Ucum, Code = "{score}" },
            Interpretation = [new CodeableConcept(BandSystem, band.Code, band.Label, band.Label)],
            Method = new CodeableConcept { Text = $"Computed by the server from the answers, as docs/MEASURES.md defines the {instrument.Name} score" },
            DerivedFrom = [new ResourceReference($"QuestionnaireResponse/{responseId}")],
        };
    }

    /// <summary>An instrument's score code: its LOINC total where one exists, else one of ours.</summary>
    public static CodeableConcept CodeOf(Instrument instrument) => instrument.Loinc is { } loinc
        ? new CodeableConcept(Loinc, loinc, instrument.LoincDisplay, null)
        : new CodeableConcept(AdherenceObservationMapping.ObservationSystem, ScsSfScoreCode, "Self-Compassion Scale - Short Form mean score", null);

    /// <summary>Which instruments a search's <c>code</c> asks for: a token <c>[system|]code</c> naming an instrument's score code.</summary>
    public static bool Names(Instrument instrument, string token)
    {
        var coding = CodeOf(instrument).Coding[0];
        var bar = token.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? token == coding.Code : token[..bar] == coding.System && token[(bar + 1)..] == coding.Code;
    }

    /// <summary>
    /// Reads a posted QuestionnaireResponse. Base FHIR violations (no status, subject or authored) are 400; what cannot be
    /// taken as a measure response here (a questionnaire that is not ours, a status other than completed, an item we do not
    /// ask, an answer that is not one of the item's options, a missing item) is 422 naming the element.
    /// </summary>
    public static QuestionnaireResponseInput Read(QuestionnaireResponse resource)
    {
        var issues = new FhirIssues();
        var paths = new FhirFieldPaths();
        paths["answeredAt"] = "QuestionnaireResponse.authored";
        paths["answers"] = "QuestionnaireResponse.item";
        paths["clientId"] = "QuestionnaireResponse.subject";

        var canonical = resource.Questionnaire?.Split('|')[0];
        var instrument = canonical is not null && canonical.StartsWith(QuestionnaireBase, StringComparison.Ordinal)
            ? Instruments.Find(canonical[QuestionnaireBase.Length..])
            : null;
        if (resource.Questionnaire is null)
        {
            issues.Invalid("QuestionnaireResponse.questionnaire", "questionnaire is required: the canonical URL of one of this server's Questionnaires.", "required");
        }
        else if (instrument is null)
        {
            issues.Unprocessable("QuestionnaireResponse.questionnaire", $"Answers are taken for {string.Join(", ", Instruments.All.Select(CanonicalOf))} only.", "not-supported");
        }

        if (resource.Status is null)
        {
            issues.Invalid("QuestionnaireResponse.status", "status is required.", "required");
        }
        else if (resource.Status != QuestionnaireResponse.QuestionnaireResponseStatus.Completed)
        {
            issues.Unprocessable("QuestionnaireResponse.status", "Only completed responses are scored: status must be completed.", "not-supported");
        }

        var subject = PatientReference.Read(resource.Subject, "QuestionnaireResponse.subject", issues);
        NodaTime.Instant answeredAt = default;
        if (resource.AuthoredElement is null)
        {
            issues.Invalid("QuestionnaireResponse.authored", "authored is required: when the client answered.", "required");
        }
        else if (!resource.AuthoredElement.TryToDateTimeOffset(out var authored) || !HasTimeAndOffset(resource.Authored))
        {
            issues.Invalid("QuestionnaireResponse.authored", "authored must be a dateTime with a time of day and an offset.");
        }
        else
        {
            answeredAt = NodaTime.Instant.FromDateTimeOffset(authored);
        }

        var answers = instrument is null ? [] : ReadAnswers(resource, instrument, issues, paths);
        issues.ThrowIfAny();
        return new QuestionnaireResponseInput(instrument!, subject!, answeredAt, answers, paths);
    }

    private static int[] ReadAnswers(QuestionnaireResponse resource, Instrument instrument, FhirIssues issues, FhirFieldPaths paths)
    {
        var answers = new int?[instrument.Items.Count];
        for (var index = 0; index < resource.Item.Count; index++)
        {
            var item = resource.Item[index];
            var path = $"QuestionnaireResponse.item[{index}]";
            var number = instrument.Items.FirstOrDefault(i => Link(i.Number) == item.LinkId)?.Number;
            if (number is not { } n)
            {
                issues.Unprocessable($"{path}.linkId", $"The {instrument.Name} has no item with linkId '{item.LinkId}' (items are 1 to {instrument.Items.Count}).");
                continue;
            }

            if (answers[n - 1] is not null)
            {
                issues.Unprocessable($"{path}.linkId", $"Item {n} is answered twice.");
                continue;
            }

            paths[$"answers[{n - 1}]"] = $"{path}.answer[0]";
            if (item.Answer.Count != 1)
            {
                issues.Unprocessable($"{path}.answer", $"Item {n} needs exactly one answer.", "required");
                continue;
            }

            var value = item.Answer[0].Value switch
            {
                Coding coding => instrument.Options.FirstOrDefault(o => AnswerCoding(instrument, o) is var known && known.Code == coding.Code && (coding.System is null || coding.System == known.System))?.Value,
                Integer integer => integer.Value,
                _ => null,
            };
            if (value is not { } v)
            {
                issues.Unprocessable($"{path}.answer[0]", $"Item {n} takes one of the Questionnaire's answerOption codings (or its value as valueInteger).");
                continue;
            }

            answers[n - 1] = v;
        }

        var missing = Enumerable.Range(0, answers.Length).Where(i => answers[i] is null).ToList();
        foreach (var index in missing)
        {
            issues.Unprocessable("QuestionnaireResponse.item", $"Item {index + 1} of the {instrument.Name} needs an answer: every item is required.", "required");
        }

        return missing.Count > 0 ? [] : [.. answers.Select(a => a!.Value)];
    }

    private static bool HasTimeAndOffset(string? dateTime) =>
        dateTime is { Length: > 10 } && (dateTime.EndsWith('Z') || dateTime[10..].Contains('+', StringComparison.Ordinal) || dateTime[10..].Contains('-', StringComparison.Ordinal));

    private static string Link(int number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
