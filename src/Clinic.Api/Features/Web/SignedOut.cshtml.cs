namespace Clinic.Api.Features.Web;

/// <summary><c>/app/signed-out</c>: where signing out ends, and where a sign-in that did not complete lands.</summary>
public sealed class SignedOutModel : WebPageModel
{
    public bool SignInFailed { get; private set; }

    public void OnGet(string? problem) => SignInFailed = problem == "sign-in";
}
