using System.Security.Claims;
using Clinic.Api.Common.Auth;
using Clinic.Api.Startup;
using Clinic.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Clinic.Api.Features.Tokens;

/// <summary>
/// <c>/connect/sign-in</c>: the token service's sign-in page, which knows only the demo practice's identities (its
/// therapists and its admin) and exists only while Auth:DemoSignIn:Enabled is true (Development). It opens the token
/// service's own session and returns to the authorization request that sent the browser here; a real deployment signs
/// people in at its identity provider (Auth:Authority) instead.
/// </summary>
public sealed class DemoSignInModel(ClinicDbContext db, IOptions<AuthOptions> options) : PageModel
{
    public IReadOnlyList<DemoIdentity> Identities { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.DemoSignIn.Enabled)
        {
            return NotFound();
        }

        Identities = await IdentitiesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid identity, CancellationToken cancellationToken)
    {
        if (!options.Value.DemoSignIn.Enabled)
        {
            return NotFound();
        }

        // Back only to an authorization request of this service: never to another site, nor anywhere else here.
        if (ReturnUrl is null || !Url.IsLocalUrl(ReturnUrl) || !ReturnUrl.StartsWith(TokenService.AuthorizationPath + "?", StringComparison.Ordinal))
        {
            return BadRequest();
        }

        var chosen = (await IdentitiesAsync(cancellationToken)).FirstOrDefault(i => i.Id == identity);
        if (chosen is null)
        {
            return BadRequest();
        }

        var user = new ClaimsIdentity(
            [
                new Claim(ClinicClaims.Subject, chosen.Id.ToString()),
                new Claim("name", chosen.Name),
                new Claim(ClinicClaims.Role, chosen.Role),
                new Claim(ClinicClaims.PracticeId, DemoData.PracticeId.ToString()),
            ],
            TokenService.SignInScheme);
        await HttpContext.SignInAsync(TokenService.SignInScheme, new ClaimsPrincipal(user));
        return LocalRedirect(ReturnUrl);
    }

    private async Task<IReadOnlyList<DemoIdentity>> IdentitiesAsync(CancellationToken cancellationToken)
    {
        var therapists = await db.Therapists.AsNoTracking()
            .Where(t => t.PracticeId == DemoData.PracticeId && t.Active)
            .OrderBy(t => t.DisplayName)
            .Select(t => new DemoIdentity(t.Id, t.DisplayName, Roles.Therapist))
            .ToListAsync(cancellationToken);
        return therapists.Count == 0 ? [] : [.. therapists, new DemoIdentity(DemoData.AdminId, "Practice admin", Roles.Admin)];
    }

    public sealed record DemoIdentity(Guid Id, string Name, string Role);
}
