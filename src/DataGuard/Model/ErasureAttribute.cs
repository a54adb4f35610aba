namespace DataGuard.Model;

/// <summary>
/// Declares what an erasure request does to rows of the type. Without it, rows are deleted, or shredded when the type's
/// retention policy shreds (<see cref="RetainAttribute.Then"/>). A retention policy that anonymises does not make erasure
/// anonymise: an anonymised row still names its subject, so anonymising on erasure has to be declared.
/// </summary>
/// <example><code>[Erasure(ErasureAction.Anonymize)]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class ErasureAttribute : Attribute
{
    /// <summary>Declares the erasure action.</summary>
    /// <param name="action">What erasure does to the subject's rows.</param>
    public ErasureAttribute(ErasureAction action) => Action = action;

    /// <summary>What erasure does to the subject's rows.</summary>
    public ErasureAction Action { get; }
}
