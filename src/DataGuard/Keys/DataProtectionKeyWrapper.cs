using Microsoft.AspNetCore.DataProtection;

namespace DataGuard.Keys;

/// <summary>Wraps keys with ASP.NET Core Data Protection under a fixed, versioned purpose.</summary>
internal sealed class DataProtectionKeyWrapper(IDataProtectionProvider provider) : IKeyWrapper
{
    /// <summary>Changing the purpose would orphan every stored key: a new scheme gets a new version.</summary>
    public const string Purpose = "DataGuard.KeyWrapping.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public byte[] Wrap(ReadOnlySpan<byte> key) => _protector.Protect(key.ToArray());

    public byte[] Unwrap(ReadOnlySpan<byte> wrappedKey) => _protector.Unprotect(wrappedKey.ToArray());
}
