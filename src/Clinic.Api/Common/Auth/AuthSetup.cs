using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Clinic.Api.Common.Auth;

/// <summary>JWT bearer authentication from the <c>Auth</c> section, failing fast when it is not configured.</summary>
public static class AuthSetup
{
    public static IServiceCollection AddClinicAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(AuthOptions.Section);
        var auth = section.Get<AuthOptions>() ?? new AuthOptions();
        var external = !string.IsNullOrWhiteSpace(auth.Authority);
        if (!external && string.IsNullOrWhiteSpace(auth.SigningKey))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    "Authentication is not configured: set Auth:Authority and Auth:Audience (an OpenID Connect provider) or Auth:SigningKey (base64, at least 32 bytes).");
            }

            // Development without a key: an ephemeral one, so nothing secret is ever committed.
            auth.SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            section[nameof(AuthOptions.SigningKey)] = auth.SigningKey;
        }

        if (!external && SigningKeyOf(auth) is null)
        {
            throw new InvalidOperationException("Auth:SigningKey must be base64 of at least 32 bytes.");
        }

        services.Configure<AuthOptions>(section);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters.NameClaimType = ClinicClaims.Subject;
            jwt.TokenValidationParameters.RoleClaimType = ClinicClaims.Role;
            // Tokens we sign ourselves (development tokens and the token service's) are accepted in both modes;
            // with an external provider, its issuer and keys come from its discovery document on top of these.
            jwt.TokenValidationParameters.ValidIssuers = [auth.Issuer, auth.TokenIssuer];
            jwt.TokenValidationParameters.ValidAudiences = [AuthOptions.LocalAudience, .. string.IsNullOrWhiteSpace(auth.Audience) ? Array.Empty<string>() : [auth.Audience]];
            if (SigningKeyOf(auth) is { } localKey)
            {
                jwt.TokenValidationParameters.IssuerSigningKeys = [localKey];
            }

            if (external)
            {
                jwt.Authority = auth.Authority;
                jwt.Audience = auth.Audience;
                jwt.RequireHttpsMetadata = !environment.IsDevelopment();
            }
            else
            {
                jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            }
        });
        services.AddAuthorization();
        services.AddSingleton<TokenIssuer>();
        return services;
    }

    public static SymmetricSecurityKey? SigningKeyOf(AuthOptions auth)
    {
        if (string.IsNullOrWhiteSpace(auth.SigningKey))
        {
            return null;
        }

        try
        {
            var bytes = Convert.FromBase64String(auth.SigningKey);
            return bytes.Length >= 32 ? new SymmetricSecurityKey(bytes) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
