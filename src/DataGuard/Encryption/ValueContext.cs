using DataGuard.Keys;
using DataGuard.Subjects;

namespace DataGuard.Encryption;

/// <summary>
/// What a value is bound to beyond its column: the data subject's key and id (<see cref="EncryptionOptions.SubjectKeys"/>)
/// and the row id (row binding). The default binds the value to its column only, under the ring's keys.
/// </summary>
/// <param name="SubjectKey">The subject's key, or <see langword="null"/> for the ring's keys.</param>
/// <param name="Subject">The subject id (<see cref="SubjectId.Value"/>) when <paramref name="SubjectKey"/> is set.</param>
/// <param name="Row">The row id when the value is bound to its row, else <see langword="null"/>.</param>
internal readonly record struct ValueContext(KeyEntry? SubjectKey, string? Subject, string? Row)
{
    /// <summary>Bound to the column only, under the ring's keys.</summary>
    public static ValueContext Column => default;

    /// <summary>The flags byte a value with this context carries.</summary>
    public byte Flags => SubjectKey is null
        ? Row is null ? FieldFlags.RingKey : FieldFlags.RowBound
        : Row is null ? FieldFlags.SubjectKey : (byte)(FieldFlags.SubjectKey | FieldFlags.RowBound);

    /// <summary>The subject id, or the subject id, a zero byte and the row id when the value is bound to its row. A
    /// row-bound value on the ring has no subject: its context is an empty subject id, a zero byte and the row id.
    /// <see langword="null"/> when the associated data is the column's alone.</summary>
    public string? AssociatedText => SubjectKey is null
        ? Row is null ? null : "\0" + Row
        : Row is null ? Subject! : Subject + "\0" + Row;
}
