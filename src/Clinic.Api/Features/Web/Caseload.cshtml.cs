using Clinic.Api.Common.Http;
using Clinic.Api.Features.Adherence;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Clinic.Api.Features.Web;

/// <summary><c>/app</c>: the signed-in therapist's caseload in triage order, as <c>GET /api/v1/caseload</c> answers it.</summary>
[EnableRateLimiting(RequestLimits.CaseloadPolicy)]
public sealed class CaseloadModel(IMediator mediator) : WebPageModel
{
    public IReadOnlyList<CaseloadRow> Rows { get; private set; } = [];

    public int NeedingAttention => Rows.Count(r => r.OpenAlerts > 0 || r.Flags.Count > 0);

    public Task<IActionResult> OnGetAsync() => RenderAsync(async ct => Rows = await mediator.Send(new GetCaseloadQuery(AsOf: null, TherapistId: null), ct));
}
