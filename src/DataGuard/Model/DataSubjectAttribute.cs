namespace DataGuard.Model;

/// <summary>
/// Marks the property that holds the id of the data subject (the person) a row belongs to. Export, erasure,
/// subject keys and read audit find a subject's rows through it, and DataGuard.EFCore gives it a database index.
/// </summary>
/// <remarks>A type has at most one data-subject property. Its type must be <see cref="Guid"/>, <see cref="string"/>,
/// <see cref="int"/> or <see cref="long"/> (nullable allowed).</remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class DataSubjectAttribute : Attribute
{
}
