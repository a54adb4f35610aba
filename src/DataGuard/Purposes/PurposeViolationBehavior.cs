using DataGuard.Masking;

namespace DataGuard.Purposes;

/// <summary>What a purpose scope does with a personal field its purpose may not use.</summary>
public enum PurposeViolationBehavior
{
    /// <summary>The read fails with <see cref="PurposeNotAllowedException"/>.</summary>
    Throw = 0,

    /// <summary>The entity comes back with the field masked (strings by the field's mask, other types as their default
    /// value). Saving such an entity with the masked field marked modified is refused, so masks never overwrite stored
    /// values.</summary>
    Mask,
}
