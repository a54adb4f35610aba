using System.Linq.Expressions;
using DataGuard;
using DataGuard.EntityFrameworkCore.Model;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Fluent equivalents of <see cref="DataSubjectAttribute"/> and <see cref="RetainAttribute"/>, for entity
/// types the application cannot annotate. Fluent configuration replaces the attributes of the same kind.</summary>
public static class DataGuardEntityTypeBuilderExtensions
{
    /// <summary>Declares the property that holds the data subject's id, like <see cref="DataSubjectAttribute"/>.</summary>
    /// <typeparam name="TEntity">The entity type.</typeparam>
    /// <param name="builder">The entity type builder.</param>
    /// <param name="property">The property, for example <c>c =&gt; c.CustomerId</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="property"/> is not a simple property access.</exception>
    public static EntityTypeBuilder<TEntity> HasDataSubject<TEntity>(this EntityTypeBuilder<TEntity> builder, Expression<Func<TEntity, object?>> property)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasAnnotation(DataGuardAnnotationNames.Subject, PropertyName(property));
        return builder;
    }

    /// <summary>Declares a retention policy, like <see cref="RetainAttribute"/>.</summary>
    /// <typeparam name="TEntity">The entity type.</typeparam>
    /// <param name="builder">The entity type builder.</param>
    /// <param name="days">The retention period in days; must be positive.</param>
    /// <param name="from">The date property the period counts from.</param>
    /// <param name="then">What happens when the period ends.</param>
    /// <param name="legalRequirement">The law or contract that makes the period a minimum, if any.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="from"/> is not a simple property access.</exception>
    public static EntityTypeBuilder<TEntity> HasRetention<TEntity>(this EntityTypeBuilder<TEntity> builder, int days, Expression<Func<TEntity, object?>> from, RetentionAction then = RetentionAction.Delete, string? legalRequirement = null)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasAnnotation(DataGuardAnnotationNames.RetainDays, days);
        builder.HasAnnotation(DataGuardAnnotationNames.RetainFrom, PropertyName(from));
        builder.HasAnnotation(DataGuardAnnotationNames.RetainThen, then.ToString());
        builder.HasAnnotation(DataGuardAnnotationNames.RetainLegalRequirement, legalRequirement);
        return builder;
    }

    internal static string PropertyName<TEntity>(Expression<Func<TEntity, object?>> property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var body = property.Body is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert ? convert.Operand : property.Body;
        return body is MemberExpression { Expression: ParameterExpression } member
            ? member.Member.Name
            : throw new ArgumentException($"'{property}' must access a property of the entity directly, for example c => c.CreatedAt.", nameof(property));
    }
}
