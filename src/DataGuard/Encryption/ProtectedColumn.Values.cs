using System.Text;
using DataGuard.Keys;

namespace DataGuard.Encryption;

/// <summary>The string, byte[] and scalar forms of <see cref="ProtectedColumn"/>, for the ring's keys, a data subject's
/// key and row binding alike (<see cref="ValueContext"/>); each allocates only its result.</summary>
internal sealed partial class ProtectedColumn
{
    public string EncryptString(string value) => EncryptString(value, ValueContext.Column);

    /// <summary>Encrypts a string with a data subject's key (<see cref="EncryptionOptions.SubjectKeys"/>), bound to a
    /// row too when <paramref name="row"/> is given.</summary>
    public string EncryptString(string value, KeyEntry subjectKey, string subject, string? row = null)
        => EncryptString(value, new ValueContext(subjectKey, subject, row));

    /// <summary>Encrypts a string with the active ring key, bound to a row (row binding without subject keys).</summary>
    public string EncryptString(string value, string row) => EncryptString(value, new ValueContext(null, null, row));

    /// <summary>Decrypts a string stored with a ring key and bound to <paramref name="row"/>; <paramref name="stored"/>
    /// starts with the text prefix.</summary>
    public string DecryptString(string stored, string row) => DecryptString(stored, new ValueContext(null, null, row));

    public string DecryptString(string stored)
    {
        if (!stored.StartsWith(FieldFormat.TextPrefix, StringComparison.Ordinal))
        {
            return ReadLegacyPlaintext ? stored : throw NotOurs();
        }

        return DecryptString(stored, ValueContext.Column);
    }

    /// <summary>Decrypts a string stored with a data subject's key; <paramref name="stored"/> starts with the text prefix.</summary>
    public string DecryptString(string stored, KeyEntry subjectKey, string subject, string? row = null)
        => DecryptString(stored, new ValueContext(subjectKey, subject, row));

    /// <summary>Decrypts a string written with <paramref name="context"/>; <paramref name="stored"/> starts with the text prefix.</summary>
    public string DecryptString(string stored, in ValueContext context)
        => FromText(stored, this, static (_, plain) => Encoding.UTF8.GetString(plain), context);

    /// <summary>Encrypts bytes with the active ring key, bound to a row.</summary>
    public byte[] EncryptBytes(byte[] value, string row) => EncryptBytes(value, new ValueContext(null, null, row));

    /// <summary>Decrypts bytes stored with a ring key and bound to <paramref name="row"/>.</summary>
    public byte[] DecryptBytes(byte[] stored, string row) => DecryptBytes(stored, new ValueContext(null, null, row));

    /// <summary>Encrypts bytes with a data subject's key.</summary>
    public byte[] EncryptBytes(byte[] value, KeyEntry subjectKey, string subject, string? row = null)
        => EncryptBytes(value, new ValueContext(subjectKey, subject, row));

    /// <summary>Decrypts bytes stored with a data subject's key.</summary>
    public byte[] DecryptBytes(byte[] stored, KeyEntry subjectKey, string subject, string? row = null)
        => DecryptBytes(stored, new ValueContext(subjectKey, subject, row));

    public byte[] EncryptBytes(byte[] value) => EncryptBytes(value, ValueContext.Column);

    public byte[] DecryptBytes(byte[] stored)
        => ReadLegacyPlaintext && !LooksEncrypted(stored) ? stored : DecryptBytes(stored, ValueContext.Column);

    /// <summary>Encrypts bytes written with <paramref name="context"/>.</summary>
    public byte[] EncryptBytes(byte[] value, in ValueContext context)
    {
        var result = new byte[FieldFormat.CiphertextSize(value.Length)];
        Encrypt(value, result, context);
        return result;
    }

    /// <summary>Decrypts bytes written with <paramref name="context"/>.</summary>
    public byte[] DecryptBytes(byte[] stored, in ValueContext context)
    {
        var result = new byte[Math.Max(0, stored.Length - FieldFormat.Overhead)];
        var written = Decrypt(stored, result, context);
        return written == result.Length ? result : result[..written];
    }

    public string EncryptScalar<T>(T value) => EncryptScalar(value, ValueContext.Column);

    /// <summary>Encrypts a scalar (<see cref="ScalarCodec"/>) into the text form, written with <paramref name="context"/>.</summary>
    public string EncryptScalar<T>(T value, in ValueContext context)
    {
        Span<byte> plain = stackalloc byte[ScalarCodec.MaxSize];
        var written = ScalarCodec.Write(value, plain);
        return ToText(plain[..written], context);
    }

    public T DecryptScalar<T>(string stored)
    {
        if (!stored.StartsWith(FieldFormat.TextPrefix, StringComparison.Ordinal))
        {
            return ReadLegacyPlaintext ? LegacyPlaintext.Parse<T>(stored, this) : throw NotOurs();
        }

        return DecryptScalar<T>(stored, ValueContext.Column);
    }

    /// <summary>Decrypts a scalar written with <paramref name="context"/>; <paramref name="stored"/> starts with the text prefix.</summary>
    public T DecryptScalar<T>(string stored, in ValueContext context)
        => FromText(
            stored,
            this,
            static (column, plain) => ScalarCodec.TryRead<T>(plain, out var value)
                ? value
                : throw column.Fail($"the decrypted value is not a {typeof(T).Name}"),
            context);
}
