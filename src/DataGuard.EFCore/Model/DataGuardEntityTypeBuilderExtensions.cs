using System.Linq.Expressions;
using DataGuard.EFCore.Model;
using DataGuard.Encryption;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Fluent equivalents of <see cref="DataSubjectAttribute"/>, <see cref="RetainAttribute"/> and the other type-level attributes, for entity
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
    public static EntityTypeBuilder<TEntity> HasRetention<TEntity>(
        this EntityTypeBuilder<TEntity> builder,
        int days,
        Expression<Func<TEntity, object?>> from,
        RetentionAction then = RetentionAction.Delete,
        string? legalRequirement = null)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasAnnotation(DataGuardAnnotationNames.RetainDays, days);
        builder.HasAnnotation(DataGuardAnnotationNames.RetainFrom, PropertyName(from));
        builder.HasAnnotation(DataGuardAnnotationNames.RetainThen, then.ToString());
        builder.HasAnnotation(DataGuardAnnotationNames.RetainLegalRequirement, legalRequirement);
        return builder;
    }

    /// <summary>
    /// Connects an entity without a subject property of its own to its data subject through navigations, for example
    /// <c>b.HasSubjectPath(l =&gt; l.Order.CustomerId)</c> for an order line: export and erasure then find the rows by
    /// the subject of the entity at the end of the path. The path is checked when the model is built: every step but the
    /// last must be a reference navigation, and the last must be the data-subject property of the entity it reaches.
    /// </summary>
    /// <typeparam name="TEntity">The entity type.</typeparam>
    /// <param name="builder">The entity type builder.</param>
    /// <param name="path">The navigation path, for example <c>l =&gt; l.Order.CustomerId</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is not a chain of property accesses of at least two steps.</exception>
    public static EntityTypeBuilder<TEntity> HasSubjectPath<TEntity>(this EntityTypeBuilder<TEntity> builder, Expression<Func<TEntity, object?>> path)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(path);
        var steps = new List<string>();
        var body = path.Body is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert ? convert.Operand : path.Body;
        while (body is MemberExpression member)
        {
            steps.Insert(0, member.Member.Name);
            body = member.Expression!;
        }

        if (body is not ParameterExpression || steps.Count < 2)
        {
            throw new ArgumentException(
                $"'{path}' must follow navigations to another entity's data-subject property, for example l => l.Order.CustomerId.", nameof(path));
        }

        builder.HasAnnotation(DataGuardAnnotationNames.SubjectPath, string.Join('.', steps));
        return builder;
    }

    /// <summary>Declares what an erasure request does to the subject's rows of this entity, like <see cref="ErasureAttribute"/>.</summary>
    /// <typeparam name="TEntity">The entity type.</typeparam>
    /// <param name="builder">The entity type builder.</param>
    /// <param name="action">Delete, anonymise or shred.</param>
    /// <returns>The same builder.</returns>
    public static EntityTypeBuilder<TEntity> HasErasure<TEntity>(this EntityTypeBuilder<TEntity> builder, ErasureAction action)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasAnnotation(DataGuardAnnotationNames.Erasure, action.ToString());
        return builder;
    }

    /// <summary>
    /// Gives the entity type its DataGuard name, like <see cref="DataGuardEntityAttribute"/>: the identity its encrypted
    /// values and blind indexes are bound to, and its name in audit entries, legal holds, the data map and export
    /// packages. Needed when two entity types would otherwise share a name (classes of one name in two namespaces), and
    /// useful so that renaming the class does not make stored values unreadable. Checked when the model is built.
    /// </summary>
    /// <typeparam name="TEntity">The entity type.</typeparam>
    /// <param name="builder">The entity type builder.</param>
    /// <param name="name">Letters, digits, '.', '_' and '-', starting with a letter or digit, for example <c>crm.contact</c>.
    /// Values already stored under the entity's previous name become unreadable: name a type before it stores values,
    /// or name the other type of a colliding pair.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public static EntityTypeBuilder<TEntity> HasDataGuardName<TEntity>(this EntityTypeBuilder<TEntity> builder, string name)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        builder.HasAnnotation(DataGuardAnnotationNames.Name, name);
        return builder;
    }

    /// <summary>
    /// Binds the entity's encrypted values to their row as well (row binding): the row's primary key joins entity,
    /// property (and subject, with <c>Encryption.SubjectKeys</c>) in the associated data, so a value swapped with another
    /// row of the same column fails to decrypt with <see cref="DataGuardCryptoException"/>. Works with subject keys and on
    /// the key ring alike; on the ring, only string and byte[] personal properties can be bound. Needs a primary key of
    /// Guid, string, int or long that the application assigns before saving (a database-generated key is not known when
    /// the row is encrypted); checked when the model is built. Values stored before row binding was turned on are refused
    /// unless <c>Encryption.ReadValuesWithoutRowBinding</c> is on (migration mode; the re-encryption job binds ring-key
    /// values). It does not detect the replay of an older value of the same row.
    /// </summary>
    /// <typeparam name="TEntity">The entity type.</typeparam>
    /// <param name="builder">The entity type builder.</param>
    /// <returns>The same builder.</returns>
    public static EntityTypeBuilder<TEntity> HasRowBinding<TEntity>(this EntityTypeBuilder<TEntity> builder)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasAnnotation(DataGuardAnnotationNames.RowBinding, true);
        return builder;
    }

    /// <summary>
    /// Declares the property that holds the tenant a row belongs to, like <see cref="TenantIdAttribute"/>, for a database
    /// that several tenants share: SaveChanges stamps the current tenant into it and refuses rows of another tenant, and
    /// DataGuard's own queries over the entity are limited to the current tenant. Checked when the model is built.
    /// </summary>
    /// <typeparam name="TEntity">The entity type.</typeparam>
    /// <param name="builder">The entity type builder.</param>
    /// <param name="property">The string property, for example <c>c =&gt; c.TenantId</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="property"/> is not a simple property access.</exception>
    public static EntityTypeBuilder<TEntity> HasTenant<TEntity>(this EntityTypeBuilder<TEntity> builder, Expression<Func<TEntity, string?>> property)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(property);
        builder.HasAnnotation(DataGuardAnnotationNames.Tenant, PropertyName(Expression.Lambda<Func<TEntity, object?>>(property.Body, property.Parameters)));
        return builder;
    }

    internal static string PropertyName<TEntity>(Expression<Func<TEntity, object?>> property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var body = property.Body is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert
            ? convert.Operand
            : property.Body;
        return body is MemberExpression { Expression: ParameterExpression } member
            ? member.Member.Name
            : throw new ArgumentException($"'{property}' must access a property of the entity directly, for example c => c.CreatedAt.", nameof(property));
    }
}
