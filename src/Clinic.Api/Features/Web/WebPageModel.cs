using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Errors;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clinic.Api.Features.Web;

/// <summary>
/// A page under <c>/app</c>. It loads what it shows by sending the REST endpoints' own queries, so the caller's role
/// and visibility are checked, and the read audited, exactly as for the API; a query's refusal becomes a page with
/// the same status the API would answer (and a refused attempt is audited as the API audits it).
/// </summary>
public abstract class WebPageModel : PageModel
{
    public PageFailure? Failure { get; private set; }

    protected async Task<IActionResult> RenderAsync(Func<CancellationToken, Task> load)
    {
        try
        {
            await load(HttpContext.RequestAborted);
            return Page();
        }
        catch (Exception exception) when (PageFailure.From(exception) is { } failure)
        {
            if (exception is NotFoundException or ForbiddenException)
            {
                await AuditTrail.RecordDeniedAsync(HttpContext.RequestServices, exception is NotFoundException notFound ? notFound.ResourceType : "endpoint", HttpContext.RequestAborted);
            }

            return Fail(failure);
        }
    }

    protected IActionResult Fail(PageFailure failure)
    {
        Failure = failure;
        Response.StatusCode = failure.Status;
        return Page();
    }
}

/// <summary>Why a page shows no data: the status and words for what the API would have answered as a problem.</summary>
public sealed record PageFailure(int Status, string Title, string Detail)
{
    public static PageFailure? From(Exception exception) => exception switch
    {
        NotFoundException => new(StatusCodes.Status404NotFound, "Not found", "There is no such client on your caseload."),
        ForbiddenException => new(StatusCodes.Status403Forbidden, "Not for this account", "These pages are for therapists and practice admins."),
        ValidationException or BadParameterException => BadAddress,
        _ => null,
    };

    public static readonly PageFailure BadAddress = new(StatusCodes.Status400BadRequest, "This address is not valid", "Open the page again from the caseload.");
}
