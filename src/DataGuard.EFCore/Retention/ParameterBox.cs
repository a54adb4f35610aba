namespace DataGuard.EFCore.Retention;

/// <summary>Holds a value that a generated query reads through a field, so that EF Core sends it as a parameter (and
/// reuses one cached plan) instead of inlining a constant into the SQL.</summary>
internal sealed class ParameterBox<T>(T value)
{
#pragma warning disable CA1051 // a field, because EF Core's parameter extraction reads it
    public readonly T Value = value;
#pragma warning restore CA1051
}
