using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace DataGuard.Subjects.Packages;

/// <summary>Detached CMS/PKCS#7 signatures (RFC 5652) over a document: the export manifest, the erasure report.</summary>
internal static class DetachedSignature
{
    /// <summary>The largest signature accepted; a real one is a few kilobytes with its certificate.</summary>
    public const int MaxSize = 64 * 1024;

    public static byte[] Sign(byte[] content, X509Certificate2 certificate)
    {
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"Signing needs the private key of certificate {certificate.Thumbprint}.");
        }

        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate)
        {
            IncludeOption = X509IncludeOption.EndCertOnly,
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), // SHA-256
        };
        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }

    /// <summary>Checks the signature against the trust. Returns the signer's thumbprint, or a problem.</summary>
    public static (string? Thumbprint, string? Problem) Verify(byte[] content, ReadOnlySpan<byte> signature, ExportTrust trust, string what)
    {
        if (signature.IsEmpty || signature.Length > MaxSize)
        {
            return (null, $"The signature of {what} is empty or larger than {MaxSize} bytes.");
        }

        var cms = new SignedCms(new ContentInfo(content), detached: true);
        try
        {
            cms.Decode(signature);
            if (cms.SignerInfos.Count != 1)
            {
                return (null, $"The signature of {what} must have exactly one signer.");
            }

            var signer = cms.SignerInfos[0];
            if (trust.Certificates.Count == 0)
            {
                if (trust.RequireSignature)
                {
                    return (null, $"A signature of {what} is required, but the trust names no certificate to accept it from.");
                }

                // Integrity only: the embedded certificate made this signature, whoever it belongs to.
                signer.CheckSignature(verifySignatureOnly: true);
                return (signer.Certificate?.Thumbprint, null);
            }

            foreach (var certificate in trust.Certificates)
            {
                if (signer.Certificate is { } embedded && !embedded.RawData.AsSpan().SequenceEqual(certificate.RawData))
                {
                    continue;
                }

                signer.CheckSignature([certificate], verifySignatureOnly: true);
                return (certificate.Thumbprint, null);
            }

            return (null, $"{what} is signed with a certificate the trust does not accept.");
        }
        catch (CryptographicException)
        {
            return (null, $"The signature of {what} does not verify: the signed bytes were changed, or it is not a CMS signature.");
        }
    }
}
