using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace DataGuard.Audit;

/// <summary>
/// A signed statement of the audit chain's head — sequence, hash and time — as CMS/PKCS#7 <c>SignedData</c> with the
/// content embedded, so it verifies offline with nothing but the signing certificate (<see cref="Verify"/>). Entries up
/// to <see cref="Sequence"/> may be pruned once a checkpoint covers them; the rest of the chain verifies from it.
/// </summary>
/// <remarks>
/// Signed content (version 1, 49 bytes): one byte version = 1; the sequence as a big-endian int64; the 32-byte
/// SHA-256 chain hash; the creation time as big-endian int64 microseconds since the Unix epoch (UTC).
/// </remarks>
public sealed class AuditCheckpoint
{
    /// <summary>The largest signed checkpoint accepted; a real one is a few kilobytes with its certificate.</summary>
    public const int MaxSignedSize = 64 * 1024;

    private const byte Version = 1;
    private const int PayloadSize = 1 + 8 + AuditChain.HashSize + 8;

    private AuditCheckpoint(long sequence, byte[] hash, DateTimeOffset createdAt, byte[] signedData)
    {
        Sequence = sequence;
        Hash = hash;
        CreatedAt = createdAt;
        SignedData = signedData;
    }

    /// <summary>The sequence number of the chain head the checkpoint signs.</summary>
    public long Sequence { get; }

    /// <summary>The hash of the entry at <see cref="Sequence"/>, 32 bytes.</summary>
    public ReadOnlyMemory<byte> Hash { get; }

    /// <summary>When the checkpoint was made (UTC, microsecond precision).</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The CMS/PKCS#7 SignedData (DER) to store or hand to an auditor.</summary>
    public ReadOnlyMemory<byte> SignedData { get; }

    /// <summary>
    /// Reads a signed checkpoint and verifies that <paramref name="certificate"/> signed it. Needs no database or
    /// network: certificate-chain trust is the caller's decision, this checks the signature and the content.
    /// </summary>
    /// <param name="signedData">The bytes of <see cref="SignedData"/>.</param>
    /// <param name="certificate">The certificate the checkpoint must be signed with (public key only is enough).</param>
    /// <returns>The verified checkpoint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="certificate"/> is null.</exception>
    /// <exception cref="DataGuardAuditException">The bytes are empty, too large, not CMS, not signed by
    /// <paramref name="certificate"/>, altered, or not a checkpoint of a known version.</exception>
    public static AuditCheckpoint Verify(ReadOnlySpan<byte> signedData, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (signedData.IsEmpty)
        {
            throw new DataGuardAuditException("The audit checkpoint is empty.");
        }

        if (signedData.Length > MaxSignedSize)
        {
            throw new DataGuardAuditException($"The audit checkpoint is {signedData.Length} bytes; at most {MaxSignedSize} are accepted.");
        }

        var cms = new SignedCms();
        try
        {
            cms.Decode(signedData);
        }
        catch (CryptographicException ex)
        {
            throw new DataGuardAuditException("The audit checkpoint is not CMS/PKCS#7 SignedData.", ex);
        }

        if (cms.Detached || cms.SignerInfos.Count != 1)
        {
            throw new DataGuardAuditException("The audit checkpoint must carry its content and exactly one signature.");
        }

        try
        {
            // Every step below parses attacker-controllable bytes (embedded certificates, signed attributes).
            var signer = cms.SignerInfos[0];
            if (signer.Certificate is not { } signerCertificate || !signerCertificate.RawData.AsSpan().SequenceEqual(certificate.RawData))
            {
                throw new DataGuardAuditException($"The audit checkpoint is not signed with certificate {certificate.Thumbprint}.");
            }

            signer.CheckSignature(new X509Certificate2Collection(certificate), verifySignatureOnly: true);
        }
        catch (CryptographicException ex)
        {
            throw new DataGuardAuditException("The audit checkpoint's signature does not verify: it was altered or signed with another key.", ex);
        }

        return Parse(cms.ContentInfo.Content, signedData.ToArray());
    }

    /// <summary>Signs the chain head with the certificate's private key.</summary>
    internal static AuditCheckpoint Sign(long sequence, ReadOnlySpan<byte> hash, DateTimeOffset createdAt, X509Certificate2 certificate)
    {
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"Audit checkpoints need the private key of certificate {certificate.Thumbprint}; set " +
                "AuditOptions.CheckpointCertificate to a certificate with its key.");
        }

        createdAt = AuditChain.Truncate(createdAt);
        var payload = new byte[PayloadSize];
        payload[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(1), sequence);
        hash.CopyTo(payload.AsSpan(9));
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(9 + AuditChain.HashSize), ToUnixMicroseconds(createdAt));

        var cms = new SignedCms(new ContentInfo(payload), detached: false);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate)
        {
            IncludeOption = X509IncludeOption.EndCertOnly,
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), // SHA-256
        };
        cms.ComputeSignature(signer, silent: true);
        return new AuditCheckpoint(sequence, hash.ToArray(), createdAt, cms.Encode());
    }

    private static AuditCheckpoint Parse(ReadOnlySpan<byte> payload, byte[] signedData)
    {
        if (payload.Length == 0 || payload[0] != Version)
        {
            throw new DataGuardAuditException("The audit checkpoint has " +
                $"version {(payload.Length == 0 ? "none" : payload[0].ToString(System.Globalization.CultureInfo.InvariantCulture))}; this DataGuard reads " +
                $"version {Version}.");
        }

        if (payload.Length != PayloadSize)
        {
            throw new DataGuardAuditException($"The audit checkpoint's content is {payload.Length} bytes; version {Version} has {PayloadSize}.");
        }

        var sequence = BinaryPrimitives.ReadInt64BigEndian(payload[1..]);
        var micros = BinaryPrimitives.ReadInt64BigEndian(payload[(9 + AuditChain.HashSize)..]);
        if (sequence < 0 || micros < 0 || micros > ToUnixMicroseconds(DateTimeOffset.MaxValue))
        {
            throw new DataGuardAuditException("The audit checkpoint's sequence or time is out of range.");
        }

        return new AuditCheckpoint(sequence, payload.Slice(9, AuditChain.HashSize).ToArray(), DateTimeOffset.UnixEpoch.AddTicks(micros * 10), signedData);
    }

    private static long ToUnixMicroseconds(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
