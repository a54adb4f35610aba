using System.Text;
using DataGuard.Diagnostics;
using DataGuard.Keys;
using Microsoft.Extensions.Options;

namespace DataGuard.Encryption;

/// <summary>
/// Encrypts and decrypts the values of one column. The associated data is the entity and property name, so a value
/// moved to another column fails authentication. The span methods are the core; the string, byte[] and scalar methods
/// (used by EF Core's value converters, ProtectedColumn.Text.cs) allocate only their result.
/// </summary>
// Every stackalloc buffer here is fully written before it is read; zeroing ~3 KB per call showed in the codec benchmark.
[System.Runtime.CompilerServices.SkipLocalsInit]
internal sealed partial class ProtectedColumn
{
    private const int StackLimit = 512;

    private readonly KeyRing _ring;
    private readonly IOptionsMonitor<DataGuardOptions> _options;
    private readonly byte[] _associatedData;
    private readonly AesGcmBackend _backend;

    public ProtectedColumn(KeyRing ring, IOptionsMonitor<DataGuardOptions> options, AesGcmBackend backend, string entity, string property)
    {
        _ring = ring;
        _backend = backend;
        _options = options;
        Entity = entity;
        Property = property;
        _associatedData = Encoding.UTF8.GetBytes("DataGuard.Field.v1\0" + entity + "\0" + property);
    }

    public string Entity { get; }

    public string Property { get; }

    private bool ReadLegacyPlaintext => _options.CurrentValue.Encryption.ReadLegacyPlaintext;

    /// <summary>Encrypts with the active key into <paramref name="destination"/> (<see cref="FieldFormat.CiphertextSize"/> bytes).</summary>
    public int Encrypt(ReadOnlySpan<byte> plaintext, Span<byte> destination) => Encrypt(plaintext, destination, ValueContext.Column);

    /// <summary>Encrypts with the active ring key or, given one, with a data subject's key; in subject-key mode the
    /// associated data also binds the subject id, so a value moved to another subject's row fails; with a row id (row
    /// binding) it binds the row too, and the flags say so.</summary>
    public int Encrypt(ReadOnlySpan<byte> plaintext, Span<byte> destination, in ValueContext context)
    {
        Span<byte> scratch = stackalloc byte[StackLimit];
        Diagnostics.DataGuardMetrics.Encrypted(Entity);
        var key = context.SubjectKey ?? _ring.TakeKeyForEncryption();
        return FieldCipher.Encrypt(_backend, key, context.Flags, AssociatedData(context, scratch), plaintext, destination);
    }

    /// <summary>Decrypts a stored value into <paramref name="destination"/> (at least stored length − overhead bytes).</summary>
    /// <exception cref="DataGuardCryptoException">The value is not DataGuard's, is damaged, belongs elsewhere, or its key is missing.</exception>
    public int Decrypt(ReadOnlySpan<byte> stored, Span<byte> destination) => Decrypt(stored, destination, ValueContext.Column);

    /// <summary>Decrypts a stored value written with <paramref name="context"/>: its header must carry the flags the
    /// context writes, and its key must be the subject's key or one on the ring.</summary>
    /// <exception cref="DataGuardCryptoException">The value is not DataGuard's, is damaged, belongs elsewhere, or its key is missing.</exception>
    public int Decrypt(ReadOnlySpan<byte> stored, Span<byte> destination, in ValueContext context)
    {
        Diagnostics.DataGuardMetrics.Decrypted(Entity);
        if (!StoredHeader.TryRead(stored, this, out var header))
        {
            throw Fail("the stored value is too short to be a DataGuard value (truncated or not encrypted)");
        }

        if (header.Flags != context.Flags)
        {
            throw Fail($"the stored value has flags {header.Flags}, which this column does not use here", header.KeyId);
        }

        var key = KeyFor(header.KeyId, context);
        Span<byte> scratch = stackalloc byte[StackLimit];
        return FieldCipher.TryDecrypt(_backend, key, AssociatedData(context, scratch), stored, destination, out var written)
            ? written
            : throw AuthenticationFailed(header.KeyId, context);
    }

    /// <summary>The key a value names: the row's subject key (which it must be), or the ring's key with that id.</summary>
    private KeyEntry KeyFor(int keyId, in ValueContext context)
    {
        if (context.SubjectKey is null)
        {
            return _ring.Find(keyId) ?? throw Fail($"key {keyId} is not in the key store (missing or retired)", keyId);
        }

        return keyId == context.SubjectKey.Id
            ? context.SubjectKey
            : throw Fail($"the value is encrypted under key {keyId}, not under the row's subject key {context.SubjectKey.Id}: it was moved from another " +
                "subject's row", keyId);
    }

    private DataGuardCryptoException AuthenticationFailed(int keyId, in ValueContext context)
    {
        var row = context.Row is null ? "" : " or row";
        return context.SubjectKey is null
            ? Fail($"the value failed authentication under key {keyId}: it was altered, truncated, or belongs to another column{row}", keyId)
            : Fail($"the value failed authentication under subject key {keyId}: it was altered, truncated, or belongs to another column, subject{row}", keyId);
    }

    /// <summary>The column's associated data; with a subject or row, followed by a zero byte and their UTF-8 bytes
    /// (<see cref="ValueContext.AssociatedText"/>).</summary>
    private ReadOnlySpan<byte> AssociatedData(in ValueContext context, Span<byte> scratch)
    {
        if (context.AssociatedText is not { } text)
        {
            return _associatedData;
        }

        var max = _associatedData.Length + 1 + Encoding.UTF8.GetMaxByteCount(text.Length);
        var ad = max <= scratch.Length ? scratch : new byte[max];
        _associatedData.CopyTo(ad);
        ad[_associatedData.Length] = 0;
        var written = Encoding.UTF8.GetBytes(text, ad[(_associatedData.Length + 1)..]);
        return ad[..(_associatedData.Length + 1 + written)];
    }

    /// <summary>Whether a binary value carries DataGuard's header with a known key; used only in migration mode.</summary>
    private bool LooksEncrypted(ReadOnlySpan<byte> stored)
        => StoredHeader.TryParse(stored, out var version, out var header)
           && version == FieldFormat.Version1
           && _ring.Find(header.KeyId) is not null;

    private DataGuardCryptoException NotOurs()
        => Fail("the stored value is not in DataGuard's format; if the column still holds legacy plaintext, turn on Encryption.ReadLegacyPlaintext and run " +
            "the re-encryption job");

    /// <summary>The failure, naming the column, the key id and, in a tenant's scope, the tenant whose keys were used.</summary>
    public DataGuardCryptoException Fail(string reason, int? keyId = null)
    {
        var tenant = _ring.Tenant is { } t ? $" (in the scope of tenant '{t}', whose keys alone are used)" : "";
        return Diagnostics.DataGuardMetrics.Failed(Entity, new DataGuardCryptoException($"{Entity}.{Property}: {reason}{tenant}.", Entity, Property, keyId));
    }
}
