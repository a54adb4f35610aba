using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DataGuard.Sample;

/// <summary>The certificate that encrypts the sample's Data Protection key ring at rest. Made on first run and kept as a
/// PFX file beside the ring, which is enough for a sample only: in production the certificate (with its private key) lives
/// in a certificate store, a vault or an HSM, never next to the ring it protects, and is backed up on its own.</summary>
internal static class KeyRingCertificate
{
    public static X509Certificate2 LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password: null, X509KeyStorageFlags.Exportable);
        }

        using var key = RSA.Create(3072);
        var request = new CertificateRequest("CN=DataGuard sample key-ring protection", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        File.WriteAllBytes(path, created.Export(X509ContentType.Pkcs12));
        return X509CertificateLoader.LoadPkcs12FromFile(path, password: null, X509KeyStorageFlags.Exportable);
    }
}
