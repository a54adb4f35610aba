namespace DataGuard.Encryption;

/// <summary>Which implementation of AES-256-GCM encrypts and decrypts fields (<see cref="EncryptionOptions.Engine"/>).
/// Every engine reads and writes the same stored format.</summary>
public enum CipherEngine
{
    /// <summary>libsodium where the CPU supports its AES-256-GCM (AES-NI and CLMUL on x64, the ARMv8 crypto extensions on
    /// Arm64) and the native library loads; the BCL's <c>AesGcm</c> otherwise.</summary>
    Auto = 0,

    /// <summary>libsodium (shipped by the NSec.Cryptography package); start-up fails where it is not available.</summary>
    Libsodium = 1,

    /// <summary>The BCL's <c>System.Security.Cryptography.AesGcm</c> (OpenSSL on Linux, CNG on Windows).</summary>
    Bcl = 2,
}
