using System.Reflection;

namespace DataGuard.Model;

/// <summary>One property as declared, before validation: from reflection over attributes, or from EF Core's model
/// where the fluent API may have replaced the attributes.</summary>
internal sealed record PersonalPropertySpec(string Name, Type ClrType, PersonalAttribute? Personal, bool IsSubject, bool IsKey, PropertyInfo? Property);
