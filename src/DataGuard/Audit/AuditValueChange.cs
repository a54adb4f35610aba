using DataGuard.Masking;
using DataGuard.Model;

namespace DataGuard.Audit;

/// <summary>
/// The masked old and new value of one personal property, recorded on an <see cref="AuditEntry"/> when
/// <see cref="AuditOptions.RecordMaskedValues"/> is on. Both values went through the property's mask (its
/// <c>MaskStyle</c> or <c>[MaskWith]</c> masker) before they were recorded; the plaintext, and for encrypted properties
/// the ciphertext, never reach the audit trail.
/// </summary>
public sealed class AuditValueChange
{
    /// <summary>Creates a change.</summary>
    /// <param name="property">The name of the personal property.</param>
    /// <param name="oldValue">The masked value before the change; <see langword="null"/> when there was none (an insert,
    /// a null value, or a mask that hides the value entirely).</param>
    /// <param name="newValue">The masked value after the change; <see langword="null"/> when there is none (a delete, a
    /// null value, or a mask that hides the value entirely).</param>
    /// <exception cref="ArgumentException"><paramref name="property"/> is null or empty.</exception>
    public AuditValueChange(string property, string? oldValue, string? newValue)
    {
        ArgumentException.ThrowIfNullOrEmpty(property);
        Property = property;
        OldValue = oldValue;
        NewValue = newValue;
    }

    /// <summary>The name of the personal property.</summary>
    public string Property { get; }

    /// <summary>The masked value before the change, or <see langword="null"/>.</summary>
    public string? OldValue { get; }

    /// <summary>The masked value after the change, or <see langword="null"/>.</summary>
    public string? NewValue { get; }
}
