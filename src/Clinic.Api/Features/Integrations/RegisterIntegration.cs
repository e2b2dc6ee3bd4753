using System.Security.Cryptography;
using System.Text.Json;
using Clinic.Api.Common.Auth;
using Clinic.Api.Features.Tokens;
using FluentValidation;
using Mediator;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Clinic.Api.Features.Integrations;

/// <summary>Registers an EHR integration of the admin's practice for the client-credentials grant.</summary>
public sealed record RegisterIntegrationCommand(string DisplayName) : ICommand<IntegrationClientResponse>;

public sealed class RegisterIntegrationValidator : AbstractValidator<RegisterIntegrationCommand>
{
    public RegisterIntegrationValidator() => RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(200);
}

public sealed class RegisterIntegrationHandler(IOpenIddictApplicationManager applications, Caller caller)
    : ICommandHandler<RegisterIntegrationCommand, IntegrationClientResponse>
{
    public async ValueTask<IntegrationClientResponse> Handle(RegisterIntegrationCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Admin);
        var practiceId = caller.Practice;
        var clientId = "ehr-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var secret = IntegrationSecrets.New();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = command.DisplayName.Trim(),
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        descriptor.Properties[TokenService.PracticeProperty] = JsonSerializer.SerializeToElement(practiceId.ToString());
        await applications.CreateAsync(descriptor, cancellationToken);
        return new IntegrationClientResponse(clientId, descriptor.DisplayName, practiceId, secret);
    }
}
