using DataGuard.Keys;
using Microsoft.AspNetCore.DataProtection;

namespace DataGuard.EFCore.Tests.Keys;

/// <summary>A tenant's own key wrapper (a Data Protection purpose of its own) that counts how often it unwraps: each
/// unwrap is a load of the tenant's key-encryption key, so the count shows when an instance had to unwrap it again.</summary>
internal sealed class TenantKeyCountingWrapper(IDataProtectionProvider provider, string tenant) : IKeyWrapper
{
    private readonly IDataProtector _protector = provider.CreateProtector("counted-kek." + tenant);
    private int _unwraps;

    public int Unwraps => Volatile.Read(ref _unwraps);

    public byte[] Wrap(ReadOnlySpan<byte> key) => _protector.Protect(key.ToArray());

    public byte[] Unwrap(ReadOnlySpan<byte> wrappedKey)
    {
        Interlocked.Increment(ref _unwraps);
        return _protector.Unprotect(wrappedKey.ToArray());
    }
}
