using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using DataGuard.Keys;
using Microsoft.Extensions.Options;

namespace DataGuard.Encryption;

/// <summary>
/// The blind index of one searchable column: HMAC-SHA256 of the normalised value under a key derived for this column
/// alone (HKDF from the ring's blind-index key), so equal values can be found without decrypting, and equal values in
/// two columns do not share an index value. A value is <c>tag (1) | HMAC (32)</c>: the tag names the normalisation rule
/// version (<see cref="BlindIndexNormalizer"/>) and the options it was computed with, and is part of the HMAC input, so
/// indexes computed under another rule or other options never match by accident and the rebuild job can select them.
/// Indexes written before the tag existed (rule 1: trimming and invariant lower-casing, 32 bytes) are still matched by
/// <see cref="ComputeLegacy(string)"/> until the rebuild job has replaced them.
/// </summary>
// Every stackalloc buffer here is fully written before it is read; zeroing ~3 KB per call showed in the codec benchmark.
[System.Runtime.CompilerServices.SkipLocalsInit]
internal sealed class BlindIndexColumn
{
    /// <summary>The size of a current index value: tag and HMAC.</summary>
    public const int Size = 1 + HashSize;

    /// <summary>The size of a rule-1 index value (no tag).</summary>
    public const int LegacySize = HashSize;

    private const int HashSize = 32;

    private readonly KeyRing _ring;
    private readonly IOptionsMonitor<DataGuardOptions> _options;
    private readonly byte[] _info;
    private readonly byte[] _legacyInfo;
    private Derived? _derived; // read and written with Volatile
    private Derived? _legacyDerived;
    private readonly ConditionalWeakTable<KeyEntry, Derived> _bySource = [];
    private readonly ConditionalWeakTable<KeyEntry, Derived> _legacyBySource = [];

    public BlindIndexColumn(KeyRing ring, IOptionsMonitor<DataGuardOptions> options, string entity, string property)
    {
        _ring = ring;
        _options = options;
        Entity = entity;
        Property = property;
        _info = Encoding.UTF8.GetBytes("DataGuard.BlindIndex.v2\0" + entity + "\0" + property);
        _legacyInfo = Encoding.UTF8.GetBytes("DataGuard.BlindIndex.v1\0" + entity + "\0" + property);
    }

    public string Entity { get; }

    public string Property { get; }

    /// <summary>The first byte of index values computed now: rule version in the high four bits, then whether case is
    /// folded (2) and white space trimmed (1).</summary>
    public byte CurrentTag => Tag(_options.CurrentValue.Encryption);

    public static byte Tag(EncryptionOptions options)
        => (byte)((BlindIndexNormalizer.Version << 4) | (options.BlindIndexCaseFold ? 2 : 0) | (options.BlindIndexTrim ? 1 : 0));

    /// <summary>The index value of <paramref name="value"/> under the current rule and options.</summary>
    public byte[] Compute(string value)
    {
        var result = new byte[Size];
        Compute(value, result);
        return result;
    }

    /// <summary>Writes the current index value (<see cref="Size"/> bytes) into <paramref name="destination"/>.</summary>
    public void Compute(ReadOnlySpan<char> input, Span<byte> destination)
    {
        var encryption = _options.CurrentValue.Encryption;
        var tag = Tag(encryption);
        destination[0] = tag;
        if (BlindIndexNormalizer.IsAscii(input))
        {
            // On ASCII the rule is exactly trimming and lower-casing: no allocation on the common path.
            Hash(
                Key(_ring.BlindIndexKey, ref _derived, _bySource, _info),
                tag,
                input,
                encryption.BlindIndexTrim,
                encryption.BlindIndexCaseFold,
                destination[1..]);
            return;
        }

        var normalized = BlindIndexNormalizer.Normalize(input, encryption.BlindIndexTrim, encryption.BlindIndexCaseFold);
        Hash(Key(_ring.BlindIndexKey, ref _derived, _bySource, _info), tag, normalized, trim: false, fold: false, destination[1..]);
    }

    /// <summary>The index value rule 1 computed (trimming and invariant lower-casing only, no tag), which rows indexed
    /// before rule 2 still hold until the rebuild job replaces it.</summary>
    public byte[] ComputeLegacy(string value)
    {
        var encryption = _options.CurrentValue.Encryption;
        var result = new byte[LegacySize];
        Hash(
            Key(_ring.BlindIndexKey, ref _legacyDerived, _legacyBySource, _legacyInfo),
            null,
            value,
            encryption.BlindIndexTrim,
            encryption.BlindIndexCaseFold,
            result);
        return result;
    }

    private static void Hash(Derived derived, byte? tag, ReadOnlySpan<char> input, bool trim, bool fold, Span<byte> destination)
    {
        scoped var value = input;
        if (trim)
        {
            value = value.Trim();
        }

        char[]? rentedChars = null;
        Span<char> folded = stackalloc char[256];
        if (fold)
        {
            folded = value.Length <= folded.Length ? folded[..value.Length] : (rentedChars = ArrayPool<char>.Shared.Rent(value.Length)).AsSpan(0, value.Length);
            value.ToLowerInvariant(folded);
            value = folded;
        }

        var prefix = tag is null ? 0 : 1;
        var byteCount = prefix + Encoding.UTF8.GetByteCount(value);
        byte[]? rentedBytes = null;
        var bytes = byteCount <= 512 ? stackalloc byte[byteCount] : (rentedBytes = ArrayPool<byte>.Shared.Rent(byteCount)).AsSpan(0, byteCount);
        var hmac = derived.Macs.Rent();
        try
        {
            if (tag is { } t)
            {
                bytes[0] = t;
            }

            Encoding.UTF8.GetBytes(value, bytes[prefix..]);
            hmac.TryComputeHash(bytes, destination, out _);
        }
        finally
        {
            derived.Macs.Return(hmac);
            CryptographicOperations.ZeroMemory(bytes);
            if (rentedBytes is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedBytes);
            }

            if (rentedChars is not null)
            {
                ArrayPool<char>.Shared.Return(rentedChars, clearArray: true);
            }
        }
    }

    /// <summary>The column's key derived from the current ring's blind-index key. The last one used is kept in a field;
    /// each tenant's (whose blind-index keys differ, and whose key ids may repeat when each tenant has a database of its
    /// own) lives as long as its source key, found by the key entry itself, never by its id.</summary>
    private static Derived Key(KeyEntry source, ref Derived? cache, ConditionalWeakTable<KeyEntry, Derived> table, byte[] info)
    {
        var derived = Volatile.Read(ref cache);
        if (derived is not null && ReferenceEquals(derived.Source, source))
        {
            return derived;
        }

        if (!table.TryGetValue(source, out derived))
        {
            var key = GC.AllocateArray<byte>(HashSize, pinned: true);
            HKDF.DeriveKey(HashAlgorithmName.SHA256, source.Material, key, salt: [], info);
            derived = table.GetValue(source, s => new Derived(s, new CryptoObjectPool<HMACSHA256>(() => new HMACSHA256(key))));
        }

        Volatile.Write(ref cache, derived);
        return derived;
    }

    private sealed record Derived(KeyEntry Source, CryptoObjectPool<HMACSHA256> Macs);
}
