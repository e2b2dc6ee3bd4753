using System.Text.Json.Serialization;
using Clinic.Domain.Measures;
using Clinic.Domain.Practices;
using NodaTime;

namespace Clinic.Api.Features.Measures;

/// <summary>
/// A client's answers to a measure with the score and band the server computed from them. On the answer to the
/// client's own submission, <see cref="CrisisResources"/> holds the practice's crisis resources when the submission
/// opened (or again triggered) a safety alert; it is absent otherwise.
/// </summary>
public sealed record MeasureResponseResult(
    Guid Id,
    Guid ClientId,
    string MeasureKey,
    IReadOnlyList<int> Answers,
    Instant AnsweredAt,
    LocalDate LocalDate,
    Instant ReceivedAt,
    double Score,
    MeasureBand Band,
    MeasureSource Source)
{
    /// <summary>Present only when this submission raised a safety alert: what the app shows the client at once.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CrisisResource>? CrisisResources { get; init; }

    public static MeasureResponseResult From(MeasureResponse r, DateTimeZone zone)
    {
        var score = r.Score;
        return new MeasureResponseResult(
            r.Id, r.ClientId, r.MeasureKey, r.Answers, r.AnsweredAt, r.AnsweredAt.InZone(zone).Date, r.ReceivedAt, score.Value,
            MeasureBand.From(score.Band), r.Source);
    }
}
