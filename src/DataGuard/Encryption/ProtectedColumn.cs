using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DataGuard.Keys;
using Microsoft.Extensions.Options;

namespace DataGuard.Encryption;

/// <summary>
/// Encrypts and decrypts the values of one column. The associated data is the entity and property name, so a value
/// moved to another column fails authentication. The span methods are the core; the string, byte[] and scalar methods
/// (used by EF Core's value converters) allocate only their result.
/// </summary>
// Every stackalloc buffer here is fully written before it is read; zeroing ~3 KB per call showed in the codec benchmark.
[System.Runtime.CompilerServices.SkipLocalsInit]
internal sealed class ProtectedColumn
{
    private const int StackLimit = 512;

    /// <summary>Buffers of the text form (UTF-8, stored bytes, base64) stay on the stack up to this size, which covers
    /// 1 KiB values: renting five pool arrays cost a measurable share of a 1 KiB round trip (benchmarks/README.md).</summary>
    private const int TextStackLimit = 1536;

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
    public int Encrypt(ReadOnlySpan<byte> plaintext, Span<byte> destination) => Encrypt(plaintext, destination, null, null, null);

    /// <summary>Encrypts with the active ring key or, given one, with a data subject's key; in subject-key mode the
    /// associated data also binds the subject id, so a value moved to another subject's row fails; with a row id (row
    /// binding) it binds the row too, and the flags say so.</summary>
    private int Encrypt(ReadOnlySpan<byte> plaintext, Span<byte> destination, KeyEntry? subjectKey, string? subject, string? row)
    {
        Span<byte> scratch = stackalloc byte[StackLimit];
        Diagnostics.DataGuardMetrics.Encrypted(Entity);
        if (subjectKey is null)
        {
            var key = _ring.TakeKeyForEncryption();
            return row is null
                ? FieldCipher.Encrypt(_backend, key, FieldFlags.RingKey, _associatedData, plaintext, destination)
                : FieldCipher.Encrypt(_backend, key, FieldFlags.RowBound, SubjectAssociatedData(RowContext("", row), scratch), plaintext, destination);
        }

        return FieldCipher.Encrypt(_backend, subjectKey, SubjectFlags(row), SubjectAssociatedData(RowContext(subject!, row), scratch), plaintext, destination);
    }

    private static byte SubjectFlags(string? row) => row is null ? FieldFlags.SubjectKey : (byte)(FieldFlags.SubjectKey | FieldFlags.RowBound);

    private static byte RingFlags(string? row) => row is null ? FieldFlags.RingKey : FieldFlags.RowBound;

    /// <summary>The subject id, or the subject id, a zero byte and the row id when the value is bound to its row. A
    /// row-bound value on the ring has no subject: its context is an empty subject id, a zero byte and the row id.</summary>
    private static string RowContext(string subject, string? row) => row is null ? subject : subject + "\0" + row;

    /// <summary>The column's associated data, a zero byte, and the subject id's UTF-8 bytes.</summary>
    private ReadOnlySpan<byte> SubjectAssociatedData(string subject, Span<byte> scratch)
    {
        var max = _associatedData.Length + 1 + Encoding.UTF8.GetMaxByteCount(subject.Length);
        var ad = max <= scratch.Length ? scratch : new byte[max];
        _associatedData.CopyTo(ad);
        ad[_associatedData.Length] = 0;
        var written = Encoding.UTF8.GetBytes(subject, ad[(_associatedData.Length + 1)..]);
        return ad[..(_associatedData.Length + 1 + written)];
    }

    /// <summary>Decrypts a stored value into <paramref name="destination"/> (at least stored length − overhead bytes).</summary>
    /// <exception cref="DataGuardCryptoException">The value is not DataGuard's, is damaged, belongs elsewhere, or its key is missing.</exception>
    public int Decrypt(ReadOnlySpan<byte> stored, Span<byte> destination) => Decrypt(stored, destination, null, null, null);

    private int Decrypt(ReadOnlySpan<byte> stored, Span<byte> destination, KeyEntry? subjectKey, string? subject, string? row)
    {
        Diagnostics.DataGuardMetrics.Decrypted(Entity);
        if (!FieldFormat.TryReadHeader(stored, out var version, out var flags, out var keyId) || stored.Length < FieldFormat.Overhead)
        {
            throw Fail("the stored value is too short to be a DataGuard value (truncated or not encrypted)");
        }

        if (version != FieldFormat.Version1)
        {
            throw Fail($"the stored value has format version {version}, which this version of DataGuard does not read");
        }

        if (flags != (subjectKey is null ? RingFlags(row) : SubjectFlags(row)))
        {
            throw Fail($"the stored value has flags {flags}, which this column does not use here", keyId);
        }

        Span<byte> scratch = stackalloc byte[StackLimit];
        if (subjectKey is null)
        {
            var key = _ring.Find(keyId) ?? throw Fail($"key {keyId} is not in the key store (missing or retired)", keyId);
            var associatedData = row is null ? _associatedData : SubjectAssociatedData(RowContext("", row), scratch);
            return FieldCipher.TryDecrypt(_backend, key, associatedData, stored, destination, out var written)
                ? written
                : throw Fail($"the value failed authentication under key {keyId}: it was altered, truncated, or belongs to another column{(row is null ? "" : " or row")}", keyId);
        }

        if (keyId != subjectKey.Id)
        {
            throw Fail($"the value is encrypted under key {keyId}, not under the row's subject key {subjectKey.Id}: it was moved from another subject's row", keyId);
        }

        return FieldCipher.TryDecrypt(_backend, subjectKey, SubjectAssociatedData(RowContext(subject!, row), scratch), stored, destination, out var subjectWritten)
            ? subjectWritten
            : throw Fail($"the value failed authentication under subject key {keyId}: it was altered, truncated, or belongs to another column, subject{(row is null ? "" : " or row")}", keyId);
    }

    public string EncryptString(string value) => EncryptStringCore(value, null, null, null);

    /// <summary>Encrypts a string with a data subject's key (<see cref="EncryptionOptions.SubjectKeys"/>), bound to a
    /// row too when <paramref name="row"/> is given.</summary>
    public string EncryptString(string value, KeyEntry subjectKey, string subject, string? row = null) => EncryptStringCore(value, subjectKey, subject, row);

    private string EncryptStringCore(string value, KeyEntry? subjectKey, string? subject, string? row)
    {
        var plainLength = Encoding.UTF8.GetByteCount(value);
        byte[]? rented = null;
        var plain = plainLength <= TextStackLimit ? stackalloc byte[TextStackLimit] : (rented = ArrayPool<byte>.Shared.Rent(plainLength));
        try
        {
            var written = Encoding.UTF8.GetBytes(value, plain);
            return ToText(plain[..written], subjectKey, subject, row);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain[..plainLength]);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Encrypts a string with the active ring key, bound to a row (row binding without subject keys).</summary>
    public string EncryptString(string value, string row) => EncryptStringCore(value, null, null, row);

    /// <summary>Decrypts a string stored with a ring key and bound to <paramref name="row"/>; <paramref name="stored"/>
    /// starts with the text prefix.</summary>
    public string DecryptString(string stored, string row)
        => FromText(stored, this, static (_, plain) => Encoding.UTF8.GetString(plain), null, null, row);

    /// <summary>Encrypts bytes with the active ring key, bound to a row.</summary>
    public byte[] EncryptBytes(byte[] value, string row)
    {
        var result = new byte[FieldFormat.CiphertextSize(value.Length)];
        Encrypt(value, result, null, null, row);
        return result;
    }

    /// <summary>Decrypts bytes stored with a ring key and bound to <paramref name="row"/>.</summary>
    public byte[] DecryptBytes(byte[] stored, string row)
    {
        var result = new byte[Math.Max(0, stored.Length - FieldFormat.Overhead)];
        var written = Decrypt(stored, result, null, null, row);
        return written == result.Length ? result : result[..written];
    }

    public string DecryptString(string stored)
    {
        if (!stored.StartsWith(FieldFormat.TextPrefix, StringComparison.Ordinal))
        {
            return ReadLegacyPlaintext ? stored : throw NotOurs();
        }

        return FromText(stored, this, static (_, plain) => Encoding.UTF8.GetString(plain), null, null, null);
    }

    /// <summary>Decrypts a string stored with a data subject's key; <paramref name="stored"/> starts with the text prefix.</summary>
    public string DecryptString(string stored, KeyEntry subjectKey, string subject, string? row = null)
        => FromText(stored, this, static (_, plain) => Encoding.UTF8.GetString(plain), subjectKey, subject, row);

    /// <summary>Encrypts bytes with a data subject's key.</summary>
    public byte[] EncryptBytes(byte[] value, KeyEntry subjectKey, string subject, string? row = null)
    {
        var result = new byte[FieldFormat.CiphertextSize(value.Length)];
        Encrypt(value, result, subjectKey, subject, row);
        return result;
    }

    /// <summary>Decrypts bytes stored with a data subject's key.</summary>
    public byte[] DecryptBytes(byte[] stored, KeyEntry subjectKey, string subject, string? row = null)
    {
        var result = new byte[Math.Max(0, stored.Length - FieldFormat.Overhead)];
        var written = Decrypt(stored, result, subjectKey, subject, row);
        return written == result.Length ? result : result[..written];
    }

    public byte[] EncryptBytes(byte[] value)
    {
        var result = new byte[FieldFormat.CiphertextSize(value.Length)];
        Encrypt(value, result);
        return result;
    }

    public byte[] DecryptBytes(byte[] stored)
    {
        if (ReadLegacyPlaintext && !LooksEncrypted(stored))
        {
            return stored;
        }

        var result = new byte[Math.Max(0, stored.Length - FieldFormat.Overhead)];
        var written = Decrypt(stored, result);
        return written == result.Length ? result : result[..written];
    }

    public string EncryptScalar<T>(T value)
    {
        Span<byte> plain = stackalloc byte[ScalarCodec.MaxSize];
        var written = ScalarCodec.Write(value, plain);
        return ToText(plain[..written], null, null, null);
    }

    public T DecryptScalar<T>(string stored)
    {
        if (!stored.StartsWith(FieldFormat.TextPrefix, StringComparison.Ordinal))
        {
            return ReadLegacyPlaintext ? ParseLegacy<T>(stored) : throw NotOurs();
        }

        return FromText(stored, this, static (column, plain) => ScalarCodec.TryRead<T>(plain, out var value) ? value : throw column.Fail($"the decrypted value is not a {typeof(T).Name}"), null, null, null);
    }

    /// <summary>Whether a binary value carries DataGuard's header with a known key; used only in migration mode.</summary>
    private bool LooksEncrypted(ReadOnlySpan<byte> stored)
        => stored.Length >= FieldFormat.Overhead
           && FieldFormat.TryReadHeader(stored, out var version, out _, out var keyId)
           && version == FieldFormat.Version1
           && _ring.Find(keyId) is not null;

    private unsafe string ToText(ReadOnlySpan<byte> plain, KeyEntry? subjectKey, string? subject, string? row)
    {
        var size = FieldFormat.CiphertextSize(plain.Length);
        byte[]? rentedBytes = null;
        var cipher = size <= TextStackLimit ? stackalloc byte[TextStackLimit] : (rentedBytes = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            var written = Encrypt(plain, cipher, subjectKey, subject, row);

            // The base64 is written straight into the result string (no intermediate buffer, no second copy): on .NET 10
            // Convert's char encoder is vectorised, as fast as Base64.EncodeToUtf8 and a widening pass together, and at
            // 1 KiB the round trip's own cost is mostly writing its freshly allocated results (benchmarks/README.md, Codec).
            fixed (byte* bytes = cipher)
            {
                return string.Create(
                    FieldFormat.TextPrefix.Length + Base64.GetMaxEncodedToUtf8Length(written),
                    ((nint)bytes, written),
                    static (chars, state) =>
                    {
                        FieldFormat.TextPrefix.CopyTo(chars);
                        Convert.TryToBase64Chars(new ReadOnlySpan<byte>((byte*)state.Item1, state.Item2), chars[FieldFormat.TextPrefix.Length..], out _);
                    });
            }
        }
        finally
        {
            if (rentedBytes is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedBytes);
            }
        }
    }

    /// <summary>The reader is static and gets its state passed in, so decrypting a row allocates no delegate.</summary>
    private TResult FromText<TState, TResult>(string stored, TState state, Func<TState, ReadOnlySpan<byte>, TResult> read, KeyEntry? subjectKey, string? subject, string? row)
    {
        var text = stored.AsSpan(FieldFormat.TextPrefix.Length);
        var maxBytes = (text.Length / 4 * 3) + 3;

        // The base64 text is narrowed to ASCII and decoded by the vectorised UTF-8 decoder: Convert's decoder for chars
        // (and the in-place one) are scalar, and took a fifth of a 1 KiB round trip (benchmarks/README.md, Codec).
        byte[]? rentedAscii = null;
        var ascii = text.Length <= TextStackLimit ? stackalloc byte[TextStackLimit] : (rentedAscii = ArrayPool<byte>.Shared.Rent(text.Length));
        byte[]? rentedCipher = null;
        var cipher = maxBytes <= TextStackLimit ? stackalloc byte[TextStackLimit] : (rentedCipher = ArrayPool<byte>.Shared.Rent(maxBytes));
        byte[]? rentedPlain = null;
        var plain = maxBytes <= TextStackLimit ? stackalloc byte[TextStackLimit] : (rentedPlain = ArrayPool<byte>.Shared.Rent(maxBytes));
        var plainLength = 0;
        try
        {
            if (Ascii.FromUtf16(text, ascii, out var narrowed) != OperationStatus.Done
                || !FieldFormat.IsCanonicalBase64(ascii[..narrowed])
                || Base64.DecodeFromUtf8(ascii[..narrowed], cipher, out _, out var cipherLength) != OperationStatus.Done)
            {
                // Only the one spelling DataGuard writes is read: white space or other padding would let the stored text
                // be changed without the change being detected.
                throw Fail("the stored value is not valid base64 (truncated or altered; only canonical base64 without white space is read)");
            }

            plainLength = Decrypt(cipher[..cipherLength], plain, subjectKey, subject, row);
            return read(state, plain[..plainLength]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain[..plainLength]);
            if (rentedAscii is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedAscii);
            }

            if (rentedCipher is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedCipher);
            }

            if (rentedPlain is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedPlain);
            }
        }
    }

    private T ParseLegacy<T>(string stored)
    {
        object? parsed = Type.GetTypeCode(typeof(T)) switch
        {
            TypeCode.Boolean => bool.TryParse(stored, out var b) ? b : stored == "1" ? true : stored == "0" ? false : null,
            TypeCode.Int32 => int.TryParse(stored, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null,
            TypeCode.Int64 => long.TryParse(stored, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null,
            TypeCode.Decimal => decimal.TryParse(stored, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null,
            TypeCode.DateTime => DateTime.TryParse(stored, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dt) ? dt : null,
            _ when typeof(T) == typeof(Guid) => Guid.TryParse(stored, out var g) ? g : null,
            _ when typeof(T) == typeof(DateOnly) => DateOnly.TryParse(stored, CultureInfo.InvariantCulture, out var date) ? date : null,
            _ when typeof(T) == typeof(DateTimeOffset) => DateTimeOffset.TryParse(stored, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dto) ? dto : null,
            _ => null,
        };
        return parsed is T value ? value : throw Fail($"the legacy value cannot be read as {typeof(T).Name}");
    }

    private DataGuardCryptoException NotOurs()
        => Fail("the stored value is not in DataGuard's format; if the column still holds legacy plaintext, turn on Encryption.ReadLegacyPlaintext and run the re-encryption job");

    public DataGuardCryptoException Fail(string reason, int? keyId = null)
        => Diagnostics.DataGuardMetrics.Failed(Entity, new DataGuardCryptoException($"{Entity}.{Property}: {reason}.", Entity, Property, keyId));
}
