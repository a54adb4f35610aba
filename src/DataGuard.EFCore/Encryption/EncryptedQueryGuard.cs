using System.Linq.Expressions;
using System.Reflection;
using DataGuard;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EntityFrameworkCore.Encryption;

/// <summary>
/// Rejects, when a query is compiled, what the database cannot do on an encrypted column: compare it, order by it, or
/// match part of it. Without this, <c>Where(c =&gt; c.Email == x)</c> would compare two different ciphertexts and
/// silently return nothing. Runs once per query shape (EF Core caches compiled queries).
/// </summary>
internal sealed class EncryptedQueryGuard : IQueryExpressionInterceptor
{
    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            new Visitor(context.Model).Visit(queryExpression);
        }

        return queryExpression;
    }

    private sealed class Visitor(IModel model) : ExpressionVisitor
    {
        private static readonly HashSet<string> Ordering = [nameof(Queryable.OrderBy), nameof(Queryable.OrderByDescending), nameof(Queryable.ThenBy), nameof(Queryable.ThenByDescending), nameof(Queryable.Min), nameof(Queryable.Max)];
        private static readonly HashSet<string> StringMatching = [nameof(string.StartsWith), nameof(string.EndsWith), nameof(string.Contains), nameof(string.Equals), nameof(string.CompareTo), nameof(string.Compare)];

        protected override Expression VisitBinary(BinaryExpression node)
        {
            if (node.NodeType is ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual
                && !IsNullConstant(node.Left) && !IsNullConstant(node.Right))
            {
                Check(node.Left, "compare");
                Check(node.Right, "compare");
            }

            return base.VisitBinary(node);
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType == typeof(Queryable) && Ordering.Contains(node.Method.Name) && node.Arguments.Count == 2 && Unquote(node.Arguments[1]) is LambdaExpression selector)
            {
                Check(selector.Body, "order by");
            }
            else if (node.Method.DeclaringType == typeof(string) && StringMatching.Contains(node.Method.Name))
            {
                if (node.Object is not null)
                {
                    Check(node.Object, "match text in");
                }

                foreach (var argument in node.Arguments)
                {
                    Check(argument, "match text in");
                }
            }

            return base.VisitMethodCall(node);
        }

        private void Check(Expression expression, string operation)
        {
            while (expression is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert)
            {
                expression = convert.Operand;
            }

            var (owner, name) = expression switch
            {
                MemberExpression { Member: PropertyInfo property, Expression: { } instance } => (instance.Type, property.Name),
                MethodCallExpression { Method.Name: nameof(EF.Property), Method.DeclaringType: var t, Arguments: [var instance, ConstantExpression { Value: string propertyName }] } when t == typeof(EF) => (instance.Type, propertyName),
                _ => (null, null),
            };
            if (owner is null || model.FindEntityType(owner)?.FindProperty(name!) is not { } found || found.FindAnnotation(EncryptionAnnotationNames.Encrypted) is null)
            {
                return;
            }

            var entity = found.DeclaringType.DisplayName();
            var searchable = found.DeclaringType.ContainingEntityType.GetProperties().Any(p => (string?)p.FindAnnotation(EncryptionAnnotationNames.BlindIndexOf)?.Value == name);
            throw new DataGuardException($"{entity}.{name} is encrypted, so the database cannot {operation} it. " + (searchable
                ? $"Find rows by its value with WhereEncrypted(x => x.{name}, value), or {operation} it after loading."
                : $"{operation} it after loading, or mark it [Personal(Searchable = true)] to find rows by equality with WhereEncrypted."));
        }

        private static bool IsNullConstant(Expression expression) => expression is ConstantExpression { Value: null } or DefaultExpression;

        private static Expression Unquote(Expression expression) => expression is UnaryExpression { NodeType: ExpressionType.Quote } quote ? quote.Operand : expression;
    }
}
