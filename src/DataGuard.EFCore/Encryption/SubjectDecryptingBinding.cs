using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace DataGuard.EntityFrameworkCore.Encryption;

/// <summary>
/// Creates an entity with subject-key properties the way the application's own binding does, then, inside the same
/// compiled materializer, sets its data-subject id and the stored forms of those properties and decrypts them in
/// place. EF Core leaves the properties this binding consumes alone, so the entity leaves the materializer in
/// plaintext, before it is tracked (its original-value snapshot is plaintext) or handed to the caller, in tracking and
/// no-tracking queries and in projections alike.
/// </summary>
/// <remarks>
/// This replaces an <see cref="Microsoft.EntityFrameworkCore.Diagnostics.IMaterializationInterceptor"/>: with one
/// registered, EF Core builds interception data (and a delegate per property) for every entity it creates, which more
/// than doubled the cost of reading rows of any entity type (benchmarks/README.md, Subject keys).
/// </remarks>
internal sealed class SubjectDecryptingBinding : InstantiationBinding
{
    private static readonly MethodInfo DecryptMethod = typeof(SubjectDecryptingBinding).GetMethod(nameof(Decrypt), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly PropertyInfo ContextProperty = typeof(MaterializationContext).GetProperty(nameof(MaterializationContext.Context))!;

    private readonly IEntityType _entityType;
    private readonly InstantiationBinding _inner;
    private readonly IReadOnlyList<PropertyParameterBinding> _stored;
    private SubjectEncryptionBinding? _binding;

    private SubjectDecryptingBinding(IEntityType entityType, InstantiationBinding inner, IReadOnlyList<PropertyParameterBinding> stored)
        : base([.. inner.ParameterBindings, .. stored])
    {
        _entityType = entityType;
        _inner = inner;
        _stored = stored;
    }

    /// <inheritdoc />
    public override Type RuntimeType => _inner.RuntimeType;

    /// <summary>Wraps the binding of an entity type with subject-key properties.</summary>
    public static SubjectDecryptingBinding Wrap(IEntityType entityType, InstantiationBinding inner, IEnumerable<IProperty> subjectEncrypted, IProperty subject)
    {
        // The subject and the encrypted properties the application's constructor does not already take: this binding
        // reads them from the row and sets them itself.
        var consumed = inner.ParameterBindings.SelectMany(static p => p.ConsumedProperties).ToHashSet();
        var stored = subjectEncrypted.Prepend(subject).Distinct().Where(p => !consumed.Contains(p)).Select(static p => new PropertyParameterBinding(p)).ToList();
        return new SubjectDecryptingBinding(entityType, inner, stored);
    }

    /// <inheritdoc />
    public override Expression CreateConstructorExpression(ParameterBindingInfo bindingInfo)
    {
        var instance = Expression.Variable(_inner.RuntimeType, "entity");
        var body = new List<Expression> { Expression.Assign(instance, _inner.CreateConstructorExpression(bindingInfo)) };
        foreach (var binding in _stored)
        {
            var property = (IProperty)binding.ConsumedProperties[0];
            MemberInfo member = property.FieldInfo is { } field ? field : property.PropertyInfo
                ?? throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} has no CLR member to decrypt into.");
            var target = Expression.MakeMemberAccess(Expression.Convert(instance, member.DeclaringType!), member);
            var value = binding.BindToParameter(bindingInfo);
            body.Add(Expression.Assign(target, value.Type == target.Type ? value : Expression.Convert(value, target.Type)));
        }

        body.Add(Expression.Call(Expression.Constant(this), DecryptMethod, instance, Expression.Property(bindingInfo.MaterializationContextExpression, ContextProperty)));
        body.Add(instance);
        return Expression.Block([instance], body);
    }

    /// <inheritdoc />
    public override InstantiationBinding With(IReadOnlyList<ParameterBinding> parameterBindings)
    {
        var own = _inner.ParameterBindings.Count;
        return new SubjectDecryptingBinding(_entityType, _inner.With([.. parameterBindings.Take(own)]), [.. parameterBindings.Skip(own).Cast<PropertyParameterBinding>()]);
    }

    /// <summary>Called by the compiled materializer for every entity of the type: decrypts it in place.</summary>
    private void Decrypt(object entity, DbContext context)
    {
        // The binding hangs off the entity type, as this materializer does, so resolving it once is enough.
        var binding = _binding ??= SubjectEncryptionBinding.For(_entityType, EncryptionServices.ApplicationServices(context))
            ?? throw new InvalidOperationException($"{_entityType.DisplayName()} has no subject-key properties.");
        binding.Decrypt(entity);
    }
}
