using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;

namespace Clinic.Infrastructure.Persistence;

/// <summary>
/// Encryption at rest of the Data Protection key ring that every replica shares in the database (ADR 0063): with
/// <c>DataProtection:Certificate:Path</c> (a PKCS #12 file with its private key, and
/// <c>DataProtection:Certificate:Password</c>) each new key is encrypted to that certificate before it is stored, so a
/// copy of the database or of a backup does not hold keys that forge a page session. Keys encrypted to an earlier
/// certificate stay readable while it is listed in <c>DataProtection:PreviousCertificates:N:Path</c> (and
/// <c>:Password</c>) until the keys it protected have expired (90 days).
/// </summary>
public static class KeyRingProtection
{
    public const string Section = "DataProtection";

    public static IDataProtectionBuilder ProtectKeysAtRest(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (Load(section.GetSection("Certificate"), "DataProtection:Certificate") is not { } current)
        {
            return builder;
        }

        var previous = section.GetSection("PreviousCertificates").GetChildren()
            .Select(entry => Load(entry, $"DataProtection:PreviousCertificates:{entry.Key}"))
            .OfType<X509Certificate2>();
        return builder.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
    }

    private static X509Certificate2? Load(IConfigurationSection section, string name)
    {
        var path = section["Path"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, section["Password"], X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"{name}:Path names no readable PKCS #12 certificate (or {name}:Password does not open it): {exception.GetType().Name}.", exception);
        }

        return certificate.HasPrivateKey && certificate.GetRSAPrivateKey() is not null
            ? certificate
            : throw new InvalidOperationException($"{name}:Path must hold an RSA certificate with its private key, to encrypt and read the key ring.");
    }
}
