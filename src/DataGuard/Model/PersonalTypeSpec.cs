namespace DataGuard.Model;

/// <summary>One type as declared, before validation. <see cref="PersonalModelValidator"/> turns it into a
/// <see cref="PersonalEntityDescriptor"/> or into error messages; every source of annotations goes through it, so the
/// rules and their messages are the same for attributes and the fluent API.</summary>
/// <param name="Name">The entity's name.</param>
/// <param name="ClrType">The CLR type.</param>
/// <param name="StoreName">Where rows are stored, when known.</param>
/// <param name="Properties">The properties as declared.</param>
/// <param name="Retain">The retention declaration, if any.</param>
/// <param name="SubjectPath">The navigation path to another entity's subject property (<c>Order.CustomerId</c>), for types
/// without a subject property of their own; already resolved against the model by the caller.</param>
/// <param name="Erasure">The declared erasure action, or <see langword="null"/> for the default.</param>
/// <param name="NameConfigured">Whether <paramref name="Name"/> was given (<see cref="DataGuardEntityAttribute"/> or the
/// fluent API) rather than taken from the type, and so must follow the naming rules.</param>
/// <param name="Owner">The owner's DataGuard name when this is an owned type stored in its owner's row.</param>
internal sealed record PersonalTypeSpec(
    string Name,
    Type ClrType,
    string? StoreName,
    IReadOnlyList<PersonalPropertySpec> Properties,
    RetainAttribute? Retain,
    string? SubjectPath = null,
    ErasureAction? Erasure = null,
    bool NameConfigured = false,
    string? Owner = null);
