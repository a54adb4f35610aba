using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace DataGuard.EFCore.Infrastructure;

/// <summary>
/// Creates an entity the way the binding it wraps does, sets the properties a handler needs from the row itself (EF
/// Core then leaves them alone), and hands the entity to the handler, all inside the materializer EF Core compiles for
/// a query: before the entity is tracked (so its original-value snapshot sees what the handler left) or returned, in
/// tracking and no-tracking queries and in projections alike. Subject-key decryption and read-access audit use it;
/// wrappers compose, each adding only the properties the ones inside have not set.
/// </summary>
/// <remarks>
/// This replaces an <see cref="Microsoft.EntityFrameworkCore.Diagnostics.IMaterializationInterceptor"/>: with one
/// registered, EF Core builds interception data (and a delegate per property) for every entity of every type it
/// creates, which more than doubled the cost of a read (benchmarks/README.md, Subject keys). A binding costs only the
/// entity types it wraps.
/// </remarks>
internal sealed class EntityCreatedBinding : InstantiationBinding
{
    private static readonly PropertyInfo ContextProperty = typeof(MaterializationContext).GetProperty(nameof(MaterializationContext.Context))!;

    private readonly InstantiationBinding _inner;
    private readonly IReadOnlyList<PropertyParameterBinding> _own;
    private readonly Action<object, DbContext>? _created;
    private readonly Action<object, object?[], DbContext>? _createdWithShadow;

    private EntityCreatedBinding(
        InstantiationBinding inner,
        IReadOnlyList<PropertyParameterBinding> own,
        Action<object, DbContext>? created,
        Action<object, object?[], DbContext>? createdWithShadow)
        : base([.. inner.ParameterBindings, .. own])
    {
        _inner = inner;
        _own = own;
        _created = created;
        _createdWithShadow = createdWithShadow;
    }

    /// <inheritdoc />
    public override Type RuntimeType => _inner.RuntimeType;

    /// <summary>Wraps <paramref name="inner"/> so that <paramref name="created"/> sees every new entity with
    /// <paramref name="needed"/> set.</summary>
    /// <exception cref="InvalidOperationException">A needed property has no CLR member to set.</exception>
    public static EntityCreatedBinding Wrap(InstantiationBinding inner, IEnumerable<IProperty> needed, Action<object, DbContext> created)
    {
        var consumed = inner.ParameterBindings.SelectMany(static p => p.ConsumedProperties).ToHashSet();
        var own = needed.Distinct().Where(p => !consumed.Contains(p)).Select(static p => new PropertyParameterBinding(p)).ToList();
        foreach (var binding in own)
        {
            _ = Member((IProperty)binding.ConsumedProperties[0]);
        }

        return new EntityCreatedBinding(inner, own, created, null);
    }

    /// <summary>Wraps <paramref name="inner"/> like <see cref="Wrap(InstantiationBinding, IEnumerable{IProperty}, Action{object, DbContext})"/>,
    /// and hands <paramref name="created"/> the row's values of the shadow properties <paramref name="shadow"/> too, in
    /// their order (subject-key scalars' stored forms, which no class member can hold).</summary>
    public static EntityCreatedBinding Wrap(
        InstantiationBinding inner,
        IEnumerable<IProperty> needed,
        IReadOnlyList<IProperty> shadow,
        Action<object, object?[], DbContext> created)
    {
        var consumed = inner.ParameterBindings.SelectMany(static p => p.ConsumedProperties).ToHashSet();
        var own = needed.Distinct().Where(p => !consumed.Contains(p)).Select(static p => new PropertyParameterBinding(p)).ToList();
        foreach (var binding in own)
        {
            _ = Member((IProperty)binding.ConsumedProperties[0]);
        }

        return new EntityCreatedBinding(inner, [.. own, .. shadow.Select(static p => new PropertyParameterBinding(p))], null, created);
    }

    /// <inheritdoc />
    public override Expression CreateConstructorExpression(ParameterBindingInfo bindingInfo)
    {
        var instance = Expression.Variable(_inner.RuntimeType, "entity");
        var fromRow = new List<Expression>();
        var shadow = new List<Expression>();
        foreach (var binding in _own)
        {
            if (_createdWithShadow is not null && ((IProperty)binding.ConsumedProperties[0]).IsShadowProperty())
            {
                shadow.Add(Expression.Convert(binding.BindToParameter(bindingInfo), typeof(object)));
                continue;
            }

            var member = Member((IProperty)binding.ConsumedProperties[0]);
            var target = Expression.MakeMemberAccess(Expression.Convert(instance, member.DeclaringType!), member);
            var value = binding.BindToParameter(bindingInfo);
            fromRow.Add(Expression.Assign(target, value.Type == target.Type ? value : Expression.Convert(value, target.Type)));
        }

        var context = Expression.Property(bindingInfo.MaterializationContextExpression, ContextProperty);
        fromRow.Add(_createdWithShadow is null
            ? Expression.Invoke(Expression.Constant(_created), instance, context)
            : Expression.Invoke(Expression.Constant(_createdWithShadow), instance, Expression.NewArrayInit(typeof(object), shadow), context));
        Expression work = Expression.Block(fromRow);
        if (bindingInfo.QueryTrackingBehavior is null)
        {
            // Outside a query EF Core also compiles this binding into its "empty" materializer (join entities it creates
            // for many-to-many navigations, with no row behind them): then there is nothing to set or report. In a
            // query the value buffer may be empty because a relational provider reads the data reader directly, so
            // the check is only made outside queries.
            var valueBuffer = Expression.Property(bindingInfo.MaterializationContextExpression, nameof(MaterializationContext.ValueBuffer));
            work = Expression.IfThen(Expression.Not(Expression.Property(valueBuffer, nameof(ValueBuffer.IsEmpty))), work);
        }

        return Expression.Block([instance], Expression.Assign(instance, _inner.CreateConstructorExpression(bindingInfo)), work, instance);
    }

    /// <inheritdoc />
    public override InstantiationBinding With(IReadOnlyList<ParameterBinding> parameterBindings)
    {
        var inner = _inner.ParameterBindings.Count;
        return new EntityCreatedBinding(
            _inner.With([.. parameterBindings.Take(inner)]), [.. parameterBindings.Skip(inner).Cast<PropertyParameterBinding>()], _created, _createdWithShadow);
    }

    /// <summary>The member EF Core itself materialises into: the backing field when there is one.</summary>
    private static MemberInfo Member(IProperty property)
        => property.FieldInfo is { } field ? field : property.PropertyInfo
            ?? throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} has no CLR member for DataGuard to set when EF " +
                "Core creates the entity.");
}
