using System.Security.Cryptography;
using DataGuard.Keys;
using Microsoft.AspNetCore.DataProtection;

namespace DataGuard.EFCore.Tests.Keys;

/// <summary>A customer-managed key stand-in: wraps with a Data Protection purpose of its own until revoked, then refuses
/// every wrap and unwrap as a KMS or HSM does for a disabled key.</summary>
internal sealed class RevocableKeyWrapper(IDataProtectionProvider provider, string tenant) : IKeyWrapper
{
    private readonly IDataProtector _protector = provider.CreateProtector("customer-kek." + tenant);

    public bool Revoked { get; set; }

    public byte[] Wrap(ReadOnlySpan<byte> key) => Revoked ? throw Refused() : _protector.Protect(key.ToArray());

    public byte[] Unwrap(ReadOnlySpan<byte> wrappedKey) => Revoked ? throw Refused() : _protector.Unprotect(wrappedKey.ToArray());

    private CryptographicException Refused() => new($"The customer key of tenant '{tenant}' is disabled.");
}
