using System.Linq.Expressions;
using System.Reflection;
using DataGuard;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Encryption;

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
        private static readonly HashSet<string> Ordering = [
            nameof(Queryable.OrderBy),
            nameof(Queryable.OrderByDescending),
            nameof(Queryable.ThenBy),
            nameof(Queryable.ThenByDescending),
            nameof(Queryable.Min),
            nameof(Queryable.Max)];
        private static readonly HashSet<string> Projecting = [
            nameof(Queryable.Select), nameof(Queryable.SelectMany), nameof(Queryable.GroupBy), nameof(Queryable.Join), nameof(Queryable.GroupJoin)];
        private static readonly HashSet<string> StringMatching = [
            nameof(string.StartsWith),
            nameof(string.EndsWith),
            nameof(string.Contains),
            nameof(string.Equals),
            nameof(string.CompareTo),
            nameof(string.Compare)];

        protected override Expression VisitBinary(BinaryExpression node)
        {
            if (node.NodeType is ExpressionType.Equal or ExpressionType.NotEqual
                    or ExpressionType.LessThan or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual
                && !IsNullConstant(node.Left) && !IsNullConstant(node.Right))
            {
                Check(node.Left, "compare");
                Check(node.Right, "compare");
            }

            return base.VisitBinary(node);
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType == typeof(Queryable)
                && Ordering.Contains(node.Method.Name)
                && node.Arguments.Count == 2
                && Unquote(node.Arguments[1]) is LambdaExpression selector)
            {
                Check(selector.Body, "order by");
            }
            else if (node.Method.DeclaringType == typeof(Queryable) && Projecting.Contains(node.Method.Name))
            {
                foreach (var argument in node.Arguments)
                {
                    if (Unquote(argument) is LambdaExpression projection)
                    {
                        new ProjectionVisitor(this).Visit(projection.Body);
                    }
                }
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

        /// <summary>The encrypted property an expression reads, if it reads one.</summary>
        private IProperty? Encrypted(Expression expression)
        {
            while (expression is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert)
            {
                expression = convert.Operand;
            }

            var (owner, name) = expression switch
            {
                MemberExpression { Member: PropertyInfo property, Expression: { } instance } => (instance.Type, property.Name),
                MethodCallExpression
                {
                    Method.Name: nameof(EF.Property),
                    Method.DeclaringType: var t,
                    Arguments: [var instance, ConstantExpression { Value: string propertyName }],
                } when t == typeof(EF) => (instance.Type, propertyName),
                _ => (null, null),
            };
            return owner is not null
                && model.FindEntityType(owner)?.FindProperty(name!) is { } found
                && found.FindAnnotation(EncryptionAnnotationNames.Encrypted) is not null
                ? found
                : null;
        }

        private void Check(Expression expression, string operation)
        {
            if (Encrypted(expression) is not { } found)
            {
                return;
            }

            var name = found.Name;

            var entity = found.DeclaringType.DisplayName();
            var searchable = found.DeclaringType.ContainingEntityType.GetProperties()
                .Any(p => (string?)p.FindAnnotation(EncryptionAnnotationNames.BlindIndexOf)?.Value == name);
            throw new DataGuardException($"{entity}.{name} is encrypted, so the database cannot {operation} it. " + (searchable
                ? $"Find rows by its value with WhereEncrypted(x => x.{name}, value), or {operation} it after loading."
                : $"{operation} it after loading, or mark it [Personal(Searchable = true)] to find rows by equality with WhereEncrypted."));
        }

        /// <summary>A subject-key property read into a projection would reach the caller as ciphertext: only whole
        /// entities are created by the materializer binding that decrypts them (SubjectDecryptingBinding).</summary>
        private sealed class ProjectionVisitor(Visitor guard) : ExpressionVisitor
        {
            protected override Expression VisitMember(MemberExpression node) => Reject(node) ?? base.VisitMember(node);

            protected override Expression VisitMethodCall(MethodCallExpression node) => Reject(node) ?? base.VisitMethodCall(node);

            private Expression? Reject(Expression node)
            {
                if (guard.Encrypted(node) is { } found && found.FindAnnotation(EncryptionAnnotationNames.SubjectEncrypted) is not null)
                {
                    var entity = found.DeclaringType.DisplayName();
                    throw new DataGuardException($"{entity}.{found.Name} is encrypted with its data subject's key or bound to its row, which DataGuard " +
                        $"applies only to whole entities, so the query cannot project it. Select the entity (x => x, or new {{ Entity = x }}) and " +
                        $"read {found.Name} from it.");
                }

                return null;
            }
        }

        private static bool IsNullConstant(Expression expression) => expression is ConstantExpression { Value: null } or DefaultExpression;

        private static Expression Unquote(Expression expression)
            => expression is UnaryExpression { NodeType: ExpressionType.Quote } quote ? quote.Operand : expression;
    }
}
