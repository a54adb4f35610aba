namespace DataGuard;

/// <summary>
/// Declares what an erasure request does to rows of the type. Without it, rows are deleted, unless the type's retention
/// policy anonymises or shreds (<see cref="RetainAttribute.Then"/>), in which case erasure does the same.
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
