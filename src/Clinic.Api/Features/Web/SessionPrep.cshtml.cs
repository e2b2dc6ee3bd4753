using System.Globalization;
using Clinic.Api.Features.Adherence;
using Clinic.Api.Features.Exercises;
using Clinic.Api.Features.Measures;
using Clinic.Api.Features.Timeline;
using Clinic.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;

namespace Clinic.Api.Features.Web;

/// <summary>
/// <c>/app/clients/{clientId}</c>: one client's session-prep sheet, from the answers of
/// <c>GET /api/v1/clients/{id}/session-prep</c> and <c>GET /api/v1/clients/{id}/timeline</c> over the same days,
/// <c>GET /api/v1/clients/{id}/measures</c> and the exercise library's titles.
/// <c>days</c> (1..365, default 7) is how far back the last session was.
/// </summary>
public sealed class SessionPrepModel(IMediator mediator, IClock clock) : WebPageModel
{
    public static readonly int[] Periods = [7, 14, 28];

    public SessionPrepSheet Sheet { get; private set; } = null!;

    public int Days { get; private set; } = SessionPrepSheet.DefaultDays;

    public Task<IActionResult> OnGetAsync(Guid clientId, string? days)
    {
        if (days is not null && (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var chosen) || chosen is < 1 or > SessionPrepSheet.MaxDays))
        {
            return Task.FromResult(Fail(PageFailure.BadAddress));
        }

        Days = days is null ? SessionPrepSheet.DefaultDays : int.Parse(days, CultureInfo.InvariantCulture);
        return RenderAsync(async ct =>
        {
            var asOf = clock.GetCurrentInstant();
            var prep = await mediator.Send(
                new GetSessionPrepQuery(clientId, InstantPattern.ExtendedIso.Format(asOf), InstantPattern.ExtendedIso.Format(asOf - Duration.FromDays(Days))), ct);
            var today = asOf.InZone(TimeZones.Get(prep.Client.TimeZone)).Date;
            var timeline = await mediator.Send(new GetTimelineQuery(clientId, Display.IsoDate(prep.Since), Display.IsoDate(today)), ct);
            var measures = await mediator.Send(new GetClientMeasuresQuery(clientId), ct);
            var library = await mediator.Send(new ListExercisesQuery(IncludeRetired: true), ct);
            Sheet = SessionPrepSheet.Build(prep, timeline, measures, library.ToDictionary(e => e.Key, e => e.Title));
        });
    }
}
