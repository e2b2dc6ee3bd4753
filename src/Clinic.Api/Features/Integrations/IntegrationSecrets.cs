using System.Security.Cryptography;
using System.Text.Json;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Api.Features.Tokens;
using OpenIddict.Abstractions;

namespace Clinic.Api.Features.Integrations;

/// <summary>
/// An EHR integration's OAuth2 client. <paramref name="Authentication"/> is how it proves itself at the token endpoint:
/// <c>client_secret</c> (basic or post) or <c>private_key_jwt</c> (a client assertion signed with one of the keys
/// <paramref name="KeyIds"/> names). A secret is shown once, when it is made; only its hash is kept.
/// </summary>
public sealed record IntegrationClientResponse(
    string ClientId,
    string DisplayName,
    Guid PracticeId,
    string Authentication,
    IReadOnlyList<string>? KeyIds = null,
    string? ClientSecret = null);

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

    public const string SecretAuthentication = "client_secret";

    public const string KeyAuthentication = "private_key_jwt";

    /// <summary>The integration as lists and reads show it: never its secret.</summary>
    public static async Task<IntegrationClientResponse> DescribeAsync(
        IOpenIddictApplicationManager applications, object application, Guid practiceId, CancellationToken cancellationToken)
    {
        var keys = await applications.GetJsonWebKeySetAsync(application, cancellationToken);
        var keyIds = keys?.Keys.Select(key => key.Kid).ToList();
        return new IntegrationClientResponse(
            (await applications.GetClientIdAsync(application, cancellationToken))!,
            await applications.GetDisplayNameAsync(application, cancellationToken) ?? "",
            practiceId,
            keyIds is { Count: > 0 } ? KeyAuthentication : SecretAuthentication,
            keyIds is { Count: > 0 } ? keyIds : null);
    }

    /// <summary>The integration's id in the token service's store, for its audit entries.</summary>
    public static async Task<Guid?> IdOfAsync(IOpenIddictApplicationManager applications, object application, CancellationToken cancellationToken) =>
        Guid.TryParse(await applications.GetIdAsync(application, cancellationToken), out var id) ? id : null;

    public static async Task<object> OwnApplicationAsync(IOpenIddictApplicationManager applications, Caller caller, string clientId, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Admin);
        var application = clientId.Length <= 100 ? await applications.FindByClientIdAsync(clientId, cancellationToken) : null;
        return application is not null && await PracticeOfAsync(applications, application, cancellationToken) == caller.Practice
            ? application
            : throw new NotFoundException("integration", null);
    }
}
