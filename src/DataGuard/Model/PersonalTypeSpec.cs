namespace DataGuard.Model;

/// <summary>One type as declared, before validation. <see cref="PersonalModelValidator"/> turns it into a
/// <see cref="PersonalEntityDescriptor"/> or into error messages; every source of annotations goes through it, so the
/// rules and their messages are the same for attributes and the fluent API.</summary>
internal sealed record PersonalTypeSpec(string Name, Type ClrType, string? StoreName, IReadOnlyList<PersonalPropertySpec> Properties, RetainAttribute? Retain);
