using System.Security.Cryptography;
using System.Text.Json;
using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Features.Tokens;
using FluentValidation;
using Mediator;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Clinic.Api.Features.Integrations;

/// <summary>
/// Registers an EHR integration of the admin's practice for the client-credentials grant. With <paramref name="Jwks"/>
/// (a JSON Web Key Set of public keys) it authenticates with signed client assertions and gets no secret; without, it
/// gets a secret, shown once.
/// </summary>
public sealed record RegisterIntegrationCommand(string DisplayName, JsonElement? Jwks = null) : ICommand<IntegrationClientResponse>;

public sealed class RegisterIntegrationValidator : AbstractValidator<RegisterIntegrationCommand>
{
    public RegisterIntegrationValidator()
    {
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Jwks).Custom((jwks, context) =>
        {
            if (jwks is { ValueKind: not JsonValueKind.Null } set && IntegrationKeys.ProblemWith(set) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
    }
}

public sealed class RegisterIntegrationHandler(IOpenIddictApplicationManager applications, Caller caller, AuditTrail audit)
    : ICommandHandler<RegisterIntegrationCommand, IntegrationClientResponse>
{
    public async ValueTask<IntegrationClientResponse> Handle(RegisterIntegrationCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Admin);
        var practiceId = caller.Practice;
        var clientId = "ehr-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var keys = command.Jwks is { ValueKind: not JsonValueKind.Null } jwks ? IntegrationKeys.Parse(jwks) : null;
        var secret = keys is null ? IntegrationSecrets.New() : null;
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            JsonWebKeySet = keys,
            ClientType = ClientTypes.Confidential,
            DisplayName = command.DisplayName.Trim(),
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        descriptor.Properties[TokenService.PracticeProperty] = JsonSerializer.SerializeToElement(practiceId.ToString());
        var application = await applications.CreateAsync(descriptor, cancellationToken);
        audit.Record("integration.register", "integration", await IntegrationSecrets.IdOfAsync(applications, application, cancellationToken), clientId: null);
        var described = await IntegrationSecrets.DescribeAsync(applications, application, practiceId, cancellationToken);
        return described with { ClientSecret = secret };
    }
}
