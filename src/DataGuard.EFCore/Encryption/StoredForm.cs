using DataGuard.Encryption;

namespace DataGuard.EFCore.Encryption;

/// <summary>
/// How a subject-key or row-bound property's values are stored: text (<c>dg:</c> plus base64) for strings, the binary
/// format for byte[]. One instance per kind, chosen once per property when the binding is built.
/// </summary>
internal abstract class StoredForm
{
    public static readonly StoredForm Text = new TextForm();

    public static readonly StoredForm Binary = new BinaryForm();

    /// <summary>The form of a property of this CLR type.</summary>
    public static StoredForm For(Type clrType) => clrType == typeof(byte[]) ? Binary : Text;

    /// <summary>The text form of a scalar (<see cref="ScalarCodec"/>), held by a shadow property (subject-key scalars).</summary>
    public static StoredForm Scalar(Type clrType)
        => (StoredForm)Activator.CreateInstance(typeof(ScalarForm<>).MakeGenericType(Nullable.GetUnderlyingType(clrType) ?? clrType))!;

    /// <summary>Whether a stored value is empty, as set-based anonymisation writes it (nothing to decrypt).</summary>
    public abstract bool IsEmpty(object stored);

    /// <summary>Reads and checks the stored value's header (<see cref="StoredHeader"/>).</summary>
    /// <returns><see langword="false"/> when the value is not in DataGuard's format.</returns>
    public abstract bool TryReadHeader(object stored, ProtectedColumn column, out StoredHeader header);

    /// <summary>Decrypts a value written with <paramref name="context"/>. A value bound to its column only goes through
    /// the column's own reader, which knows the migration mode for legacy plaintext.</summary>
    public abstract object Decrypt(ProtectedColumn column, object stored, in ValueContext context);

    public abstract object Encrypt(ProtectedColumn column, object plain, in ValueContext context);

    private static bool ColumnOnly(in ValueContext context) => context.SubjectKey is null && context.Row is null;

    private sealed class TextForm : StoredForm
    {
        public override bool IsEmpty(object stored) => ((string)stored).Length == 0;

        public override bool TryReadHeader(object stored, ProtectedColumn column, out StoredHeader header)
            => StoredHeader.TryReadText((string)stored, column, out header);

        public override object Decrypt(ProtectedColumn column, object stored, in ValueContext context)
            => ColumnOnly(context) ? column.DecryptString((string)stored) : column.DecryptString((string)stored, context);

        public override object Encrypt(ProtectedColumn column, object plain, in ValueContext context)
            => column.EncryptString((string)plain, context);
    }

    private sealed class BinaryForm : StoredForm
    {
        public override bool IsEmpty(object stored) => ((byte[])stored).Length == 0;

        public override bool TryReadHeader(object stored, ProtectedColumn column, out StoredHeader header)
            => StoredHeader.TryRead((byte[])stored, column, out header);

        public override object Decrypt(ProtectedColumn column, object stored, in ValueContext context)
            => ColumnOnly(context) ? column.DecryptBytes((byte[])stored) : column.DecryptBytes((byte[])stored, context);

        public override object Encrypt(ProtectedColumn column, object plain, in ValueContext context)
            => column.EncryptBytes((byte[])plain, context);
    }

    private sealed class ScalarForm<T> : StoredForm
    {
        public override bool IsEmpty(object stored) => ((string)stored).Length == 0;

        public override bool TryReadHeader(object stored, ProtectedColumn column, out StoredHeader header)
            => StoredHeader.TryReadText((string)stored, column, out header);

        public override object Decrypt(ProtectedColumn column, object stored, in ValueContext context)
            => (ColumnOnly(context) ? column.DecryptScalar<T>((string)stored) : column.DecryptScalar<T>((string)stored, context))!;

        public override object Encrypt(ProtectedColumn column, object plain, in ValueContext context)
            => column.EncryptScalar((T)plain, context);
    }
}
