using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace Clinic.Api.Common.Auth;

/// <summary>
/// Signs access tokens with the local HS256 key (development, tests, demos). Token lifetimes follow the same
/// <see cref="TimeProvider"/> the bearer handler validates them with, not the domain clock.
/// </summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options, TimeProvider time)
{
    public (string AccessToken, Instant ExpiresAt) Issue(string subjectId, string role, Guid? practiceId)
    {
        var auth = options.Value;
        var key = AuthSetup.SigningKeyOf(auth)
            ?? throw new InvalidOperationException("Tokens can only be issued when Auth:SigningKey is configured.");
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var expires = now + Duration.FromMinutes(auth.DevTokens.LifetimeMinutes);
        var claims = new List<Claim>
        {
            new(ClinicClaims.Subject, subjectId),
            new(ClinicClaims.Role, role),
        };
        if (practiceId is { } practice)
        {
            claims.Add(new Claim(ClinicClaims.PracticeId, practice.ToString()));
        }

        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = AuthOptions.LocalAudience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.ToDateTimeUtc(),
            NotBefore = now.ToDateTimeUtc(),
            Expires = expires.ToDateTimeUtc(),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }
}
