using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Clinic.DataGenerator;

/// <summary>
/// Bearer tokens as the API's local issuer signs them: HS256 with Auth:SigningKey (base64), issuer "clinic",
/// audience "clinic-api", claims sub, role and practice_id. Valid for a day.
/// </summary>
public sealed class BenchTokens(string signingKeyBase64)
{
    private readonly byte[] key = Convert.FromBase64String(signingKeyBase64);
    private readonly long issuedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;
    private static readonly string Header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8);

    public string Issue(Guid subject, string role, Guid practiceId)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = subject.ToString(),
            ["role"] = role,
            ["practice_id"] = practiceId.ToString(),
            ["iss"] = "clinic",
            ["aud"] = "clinic-api",
            ["iat"] = issuedAt,
            ["nbf"] = issuedAt,
            ["exp"] = issuedAt + (24 * 3600),
        });
        var unsigned = $"{Header}.{Base64Url(payload)}";
        var signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(unsigned));
        return $"{unsigned}.{Base64Url(signature)}";
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
