using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Api.Tests.Security;

/// <summary>
/// With a key-encryption certificate configured, the Data Protection keys every replica shares in the database are
/// stored encrypted: a replica with the certificate reads them, one without cannot (ADR 0063).
/// </summary>
public sealed class KeyRingEncryptionTests : IAsyncLifetime
{
    private const string Password = "key ring certificate";
    private readonly string certificatePath = Path.Combine(Path.GetTempPath(), $"clinic-key-ring-{Guid.NewGuid():N}.pfx");
    private ClinicApiFactory withCertificate = null!;

    public async Task InitializeAsync()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Clinic key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        await File.WriteAllBytesAsync(certificatePath, certificate.Export(X509ContentType.Pkcs12, Password));
        withCertificate = new ClinicApiFactory();
        withCertificate.Settings["DataProtection:Certificate:Path"] = certificatePath;
        withCertificate.Settings["DataProtection:Certificate:Password"] = Password;
        await withCertificate.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await withCertificate.DisposeAsync();
        File.Delete(certificatePath);
    }

    [Fact]
    public async Task Keys_are_stored_encrypted_and_only_a_replica_with_the_certificate_reads_them()
    {
        withCertificate.Services.GetRequiredService<IKeyManager>().CreateNewKey(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(90));
        var protectedPayload = withCertificate.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Clinic.Web.Session").Protect("session of a therapist");

        var stored = await Database.TextsAsync(withCertificate.ConnectionString, "SELECT xml FROM data_protection_keys");
        Assert.NotEmpty(stored);
        Assert.All(stored, xml =>
        {
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });

        await using var replica = withCertificate.SecondProcess();
        await replica.InitializeAsync();
        Assert.Equal("session of a therapist", replica.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Clinic.Web.Session").Unprotect(protectedPayload));

        await using var withoutCertificate = withCertificate.SecondProcess(new Dictionary<string, string?>());
        await withoutCertificate.InitializeAsync();
        var reader = withoutCertificate.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Clinic.Web.Session");
        Assert.ThrowsAny<CryptographicException>(() => reader.Unprotect(protectedPayload));
    }

    [Fact]
    public async Task A_certificate_that_cannot_be_opened_stops_the_start_with_the_setting_named()
    {
        await using var misconfigured = withCertificate.SecondProcess(new Dictionary<string, string?>
        {
            ["DataProtection:Certificate:Path"] = certificatePath,
            ["DataProtection:Certificate:Password"] = "not the password",
        });
        await misconfigured.InitializeAsync();

        var failure = Assert.ThrowsAny<Exception>(() => misconfigured.CreateClient());

        Assert.Contains("DataProtection:Certificate:Password", failure.ToString(), StringComparison.Ordinal);
    }
}
