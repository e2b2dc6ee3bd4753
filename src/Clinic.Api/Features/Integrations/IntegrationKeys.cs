using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Clinic.Api.Features.Integrations;

/// <summary>
/// The public keys an integration signs its client assertions with, instead of sending a secret (<c>private_key_jwt</c>,
/// RFC 7523, as SMART Backend Services asks): a JSON Web Key Set of RSA keys of at least 2048 bits or elliptic-curve
/// keys on P-256, P-384 or P-521, each with a key id. The private parts never leave the integration; a set that
/// carries one is refused, so a mistake is caught before the key is trusted.
/// </summary>
internal static class IntegrationKeys
{
    public const int MaxKeys = 10;

    private const int MinRsaBits = 2048;

    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    /// <summary>What is wrong with the set, or null when every key in it can check an assertion.</summary>
    public static string? ProblemWith(JsonElement jwks)
    {
        if (jwks.ValueKind != JsonValueKind.Object || !jwks.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return "Must be a JSON Web Key Set: an object with a keys array.";
        }

        var count = keys.GetArrayLength();
        if (count is 0 or > MaxKeys)
        {
            return $"Must hold between 1 and {MaxKeys} keys.";
        }

        var keyIds = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var key in keys.EnumerateArray())
        {
            if (ProblemWithKey(key) is { } problem)
            {
                return $"keys[{index}]: {problem}";
            }

            if (!keyIds.Add(key.GetProperty("kid").GetString()!))
            {
                return $"keys[{index}]: another key has the same kid.";
            }

            index++;
        }

        return Parse(jwks).GetSigningKeys().Count == count ? null : "A key could not be read as a signing key.";
    }

    public static JsonWebKeySet Parse(JsonElement jwks) => new(jwks.GetRawText());

    private static string? ProblemWithKey(JsonElement key)
    {
        if (key.ValueKind != JsonValueKind.Object)
        {
            return "Must be a JSON Web Key object.";
        }

        if (PrivateMembers.FirstOrDefault(member => key.TryGetProperty(member, out _)) is { } secret)
        {
            return $"Holds a private part ({secret}); send only the public key.";
        }

        if (Text(key, "kid") is not { Length: > 0 and <= 200 })
        {
            return "A kid (key id) of up to 200 characters is required.";
        }

        if (Text(key, "use") is { } use && use != "sig")
        {
            return "The key's use must be sig.";
        }

        return Text(key, "kty") switch
        {
            "RSA" => RsaProblem(key),
            "EC" => EcProblem(key),
            _ => "Only RSA and EC public keys are accepted.",
        };
    }

    private static string? RsaProblem(JsonElement key)
    {
        if (Base64Url(key, "n") is not { } modulus || Base64Url(key, "e") is not { Length: > 0 } exponent)
        {
            return "An RSA key needs n and e, base64url encoded.";
        }

        var bits = modulus.Length * 8 - (modulus.Length > 0 ? byte.LeadingZeroCount(modulus[0]) : 0);
        if (bits < MinRsaBits)
        {
            return $"An RSA key must have at least {MinRsaBits} bits.";
        }

        return Imports(() => RSA.Create(new RSAParameters { Modulus = modulus, Exponent = exponent })) ? null : "n and e do not make an RSA public key.";
    }

    private static string? EcProblem(JsonElement key)
    {
        var curve = Text(key, "crv") switch
        {
            "P-256" => ECCurve.NamedCurves.nistP256,
            "P-384" => ECCurve.NamedCurves.nistP384,
            "P-521" => ECCurve.NamedCurves.nistP521,
            _ => (ECCurve?)null,
        };
        if (curve is not { } named || Base64Url(key, "x") is not { Length: > 0 } x || Base64Url(key, "y") is not { Length: > 0 } y)
        {
            return "An EC key needs crv (P-256, P-384 or P-521), x and y.";
        }

        return Imports(() => ECDsa.Create(new ECParameters { Curve = named, Q = new ECPoint { X = x, Y = y } }))
            ? null
            : "x and y are not a point of the key's curve.";
    }

    /// <summary>Whether the platform's cryptography takes the public key: a key it refuses could never check an assertion.</summary>
    private static bool Imports(Func<AsymmetricAlgorithm> create)
    {
        try
        {
            using var algorithm = create();
            return true;
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement key, string name) =>
        key.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[]? Base64Url(JsonElement key, string name)
    {
        if (Text(key, name) is not { } text)
        {
            return null;
        }

        try
        {
            return Base64UrlEncoder.DecodeBytes(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
