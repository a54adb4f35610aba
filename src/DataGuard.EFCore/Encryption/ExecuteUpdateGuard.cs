using System.Linq.Expressions;
using System.Reflection;
using DataGuard.EFCore.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Encryption;

/// <summary>
/// Keeps <c>ExecuteUpdate</c> from writing a clear (or a wrong) value into an encrypted column, when the statement is
/// compiled. A value from a parameter or a constant goes through the column's value converter, which encrypts it under
/// the ring's active key, so that is allowed; refused, with the entity and property named and no value: a value
/// computed in SQL from the row (<c>c =&gt; c.Email + "x"</c> would work on ciphertext), any non-null value for a
/// property encrypted with its data subject's key (the key is chosen per row, which a set-based statement cannot
/// do), and a searchable property whose blind index the statement does not set too (its index would go stale).
/// DataGuard's own jobs (<see cref="DataGuardStatements"/>) write only nulls and placeholders and are not checked.
/// </summary>
internal sealed class ExecuteUpdateGuard : IQueryExpressionInterceptor
{
    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData)
    {
        if (eventData.Context is { } context
            && queryExpression is MethodCallExpression { Method.Name: nameof(EntityFrameworkQueryableExtensions.ExecuteUpdate) } call
            && call.Method.DeclaringType == typeof(EntityFrameworkQueryableExtensions)
            && call.Arguments is [var source, NewArrayExpression setters]
            && !DataGuardStatements.IsInternal
            && source.Type.IsGenericType
            && context.Model.FindEntityType(source.Type.GetGenericArguments()[0]) is { } entityType)
        {
            Check(entityType, setters);
        }

        return queryExpression;
    }

    private static void Check(IEntityType entityType, NewArrayExpression setters)
    {
        var set = new List<(IProperty Property, Expression Value)>();
        foreach (var setter in setters.Expressions)
        {
            if (setter is NewExpression { Arguments: [var selector, var value] } && Target(entityType, selector) is { } property)
            {
                set.Add((property, value));
            }
        }

        foreach (var (property, value) in set)
        {
            if (property.FindAnnotation(EncryptionAnnotationNames.Encrypted) is null
                && property.FindAnnotation(EncryptionAnnotationNames.SubjectEncrypted) is null)
            {
                continue;
            }

            var name = $"{entityType.DisplayName()}.{property.Name}";
            var isNull = Unquote(
                value) is ConstantExpression { Value: null } or LambdaExpression { Body: ConstantExpression { Value: null } } or DefaultExpression;
            if (property.FindAnnotation(EncryptionAnnotationNames.SubjectEncrypted) is not null && !isNull)
            {
                throw new DataGuardException($"{name} is encrypted with its data subject's key or bound to its row, which ExecuteUpdate cannot apply (the " +
                    "key and the associated data are chosen per row): set it to null, or load the entities, change them and call SaveChanges.");
            }

            if (!isNull && Unquote(value) is LambdaExpression)
            {
                throw new DataGuardException($"{name} is encrypted, so ExecuteUpdate cannot compute its new value in the database (it would work on " +
                    "ciphertext): pass the new value itself, or load the entities, change them and call SaveChanges.");
            }

            var blindIndex = entityType.GetProperties()
                .FirstOrDefault(p => string.Equals(
                    (string?)p.FindAnnotation(EncryptionAnnotationNames.BlindIndexOf)?.Value, property.Name, StringComparison.Ordinal));
            if (blindIndex is not null && !set.Any(s => s.Property == blindIndex))
            {
                throw new DataGuardException($"{name} is searchable, and ExecuteUpdate cannot compute its blind index ({blindIndex.Name}), which would go " +
                    "stale and hide the rows from WhereEncrypted: load the entities, change them and call SaveChanges.");
            }
        }
    }

    private static IProperty? Target(IEntityType entityType, Expression selector)
    {
        if (Unquote(selector) is not LambdaExpression { Body: var body })
        {
            return null;
        }

        while (body is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert)
        {
            body = convert.Operand;
        }

        var name = body switch
        {
            MemberExpression { Member: PropertyInfo or FieldInfo, Expression: ParameterExpression } member => member.Member.Name,
            MethodCallExpression
            {
                Method.Name: nameof(EF.Property),
                Arguments: [ParameterExpression, ConstantExpression { Value: string propertyName }],
            } method when method.Method.DeclaringType == typeof(EF) => propertyName,
            _ => null,
        };
        return name is null ? null : entityType.FindProperty(name);
    }

    private static Expression Unquote(Expression expression)
        => expression is UnaryExpression { NodeType: ExpressionType.Quote } quote ? quote.Operand : expression;
}
