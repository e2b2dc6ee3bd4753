using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Clinic.Api.Features.Web;

/// <summary><c>/app/sign-out</c>: ends the page session and the provider's (a form post, with antiforgery).</summary>
public sealed class SignOutModel : WebPageModel
{
    public void OnGet()
    {
    }

    public IActionResult OnPost() =>
        // The provider's first: signing out there reads the identity token the page session holds.
        SignOut(new AuthenticationProperties { RedirectUri = WebSignIn.SignedOutPath }, WebSignIn.OpenIdConnectScheme, WebSignIn.CookieScheme);
}
