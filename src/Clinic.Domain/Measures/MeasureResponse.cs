using Clinic.Domain.Clients;
using Clinic.Domain.Common;
using NodaTime;

namespace Clinic.Domain.Measures;

/// <summary>Who entered a response: the client in their app, or staff (an EHR, a therapist) on the client's behalf.</summary>
public enum MeasureSource
{
    Client,
    Staff,
}

/// <summary>
/// A client's answers to one instrument at one time. The answers are kept as given; the score and band are always
/// computed from them by the instrument's definition, never taken from whoever sent them. Nothing changes it once
/// recorded.
/// </summary>
public sealed class MeasureResponse : Entity
{
    /// <summary>Phone clocks drift; an answer may claim to be this far in the future and still be accepted.</summary>
    public static readonly Duration ClockSkewAllowance = Duration.FromMinutes(5);

    /// <summary>How far back an answer may be dated (an EHR entering a paper form from earlier in the year).</summary>
    public static readonly Duration MaxAge = Duration.FromDays(366);

    private int[] _answers = [];

    private MeasureResponse(Guid id)
        : base(id)
    {
    }

    public Guid PracticeId { get; private set; }

    public Guid ClientId { get; private set; }

    public string MeasureKey { get; private set; } = "";

    /// <summary>The item values in item order, as answered (before reverse scoring).</summary>
    public IReadOnlyList<int> Answers => _answers;

    /// <summary>When the client answered (as the client app or the EHR says).</summary>
    public Instant AnsweredAt { get; private set; }

    /// <summary>Server clock when the response arrived.</summary>
    public Instant ReceivedAt { get; private set; }

    public MeasureSource Source { get; private set; }

    /// <summary>The subject (client, therapist or integration) that sent the response.</summary>
    public string EnteredBy { get; private set; } = "";

    public Instrument Instrument => Instruments.Find(MeasureKey)
        ?? throw new InvalidOperationException($"No instrument has the key '{MeasureKey}'.");

    public MeasureScore Score => Instrument.Score(_answers);

    public static MeasureResponse Record(
        Client client, Instrument instrument, IReadOnlyList<int> answers, Instant answeredAt, MeasureSource source, string enteredBy, Instant now)
    {
        if (client.Status == ClientStatus.Discharged)
        {
            throw new DomainException("client_discharged", "A discharged client's measures are closed.", "clientId");
        }

        if (answeredAt > now + ClockSkewAllowance)
        {
            throw new DomainException("answered_in_future", "answeredAt must not be in the future.", "answeredAt");
        }

        if (answeredAt < now - MaxAge)
        {
            throw new DomainException("answered_too_long_ago", $"answeredAt may be at most {MaxAge.Days} days in the past.", "answeredAt");
        }

        instrument.Check(answers);
        var response = new MeasureResponse(NewId())
        {
            PracticeId = client.PracticeId,
            ClientId = client.Id,
            MeasureKey = instrument.Key,
            _answers = [.. answers],
            AnsweredAt = answeredAt,
            ReceivedAt = now,
            Source = source,
            EnteredBy = enteredBy,
        };
        response.Raise(new MeasureCompleted(response.PracticeId, response.ClientId, response.MeasureKey, response.Id));
        return response;
    }

    /// <summary>The answer to an item (1-based), as given.</summary>
    public int AnswerTo(int itemNumber) => _answers[itemNumber - 1];
}

/// <summary>A client's answers to a measure were recorded; carries the measure's key and the response's id only.</summary>
public sealed record MeasureCompleted(Guid PracticeId, Guid ClientId, string MeasureKey, Guid ResponseId) : DomainEvent(PracticeId, ClientId)
{
    public override string Type => "measure.completed";
}
