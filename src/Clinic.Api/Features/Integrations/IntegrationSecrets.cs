using System.Security.Cryptography;
using System.Text.Json;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Api.Features.Tokens;
using OpenIddict.Abstractions;

namespace Clinic.Api.Features.Integrations;

/// <summary>An EHR integration's OAuth2 client. The secret is shown once, when it is made; only its hash is kept.</summary>
public sealed record IntegrationClientResponse(string ClientId, string DisplayName, Guid PracticeId, string? ClientSecret = null);

internal static class IntegrationSecrets
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static async Task<Guid?> PracticeOfAsync(IOpenIddictApplicationManager applications, object application, CancellationToken cancellationToken)
    {
        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        return properties.TryGetValue(TokenService.PracticeProperty, out var value) && value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id)
            ? id
            : null;
    }

    public static async Task<object> OwnApplicationAsync(IOpenIddictApplicationManager applications, Caller caller, string clientId, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Admin);
        var application = clientId.Length <= 100 ? await applications.FindByClientIdAsync(clientId, cancellationToken) : null;
        return application is not null && await PracticeOfAsync(applications, application, cancellationToken) == caller.Practice
            ? application
            : throw new NotFoundException("integration", null);
    }
}
