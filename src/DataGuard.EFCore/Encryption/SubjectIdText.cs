using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Encryption;

/// <summary>
/// Reads a row's data-subject id in its canonical text (<see cref="SubjectId"/>: a Guid as 36 lower-case characters with
/// hyphens, numbers in invariant culture, strings as given) without boxing the property's value or making a string of
/// it: a read looks the subject's key up by these characters (benchmarks/README.md, Fourth round). Built once per entity
/// type; an id of another CLR type, or without a CLR member, goes through <see cref="SubjectId.From(object?)"/>.
/// </summary>
internal abstract class SubjectIdText
{
    /// <summary>Room for the longest text of a value-type id (a Guid's 36 characters, a long's 20).</summary>
    public const int BufferLength = 40;

    /// <summary>The id's text, written into <paramref name="buffer"/> or the entity's own string; empty when the row has
    /// no subject.</summary>
    /// <exception cref="ArgumentException">The id is an empty or too long string, or of a type subject ids cannot have.</exception>
    public abstract ReadOnlySpan<char> Read(object entity, Span<char> buffer);

    /// <summary>The reader of <paramref name="subject"/>, or one that finds no subject when it is <see langword="null"/>.</summary>
    public static SubjectIdText For(IProperty? subject, Func<object, object?> boxed)
    {
        if (subject is null)
        {
            return new BoxedText(static _ => null);
        }

        MemberInfo? member = subject.FieldInfo is { } field ? field : subject.PropertyInfo;
        var type = Nullable.GetUnderlyingType(subject.ClrType) ?? subject.ClrType;
        return member is null ? new BoxedText(boxed)
            : type == typeof(Guid) ? new GuidText(Getter<Guid?>(member))
            : type == typeof(int) || type == typeof(long) ? new NumberText(Getter<long?>(member))
            : type == typeof(string) ? new StringText(Getter<string?>(member))
            : new BoxedText(boxed);
    }

    /// <summary>Reads the member EF Core materialises into (the backing field when there is one), converted to
    /// <typeparamref name="T"/>.</summary>
    private static Func<object, T> Getter<T>(MemberInfo member)
    {
        var entity = Expression.Parameter(typeof(object), "entity");
        var value = Expression.MakeMemberAccess(Expression.Convert(entity, member.DeclaringType!), member);
        return Expression.Lambda<Func<object, T>>(Expression.Convert(value, typeof(T)), entity).Compile();
    }

    private sealed class GuidText(Func<object, Guid?> get) : SubjectIdText
    {
        public override ReadOnlySpan<char> Read(object entity, Span<char> buffer)
            => get(entity) is { } id && id.TryFormat(buffer, out var written, "D") ? buffer[..written] : default;
    }

    private sealed class NumberText(Func<object, long?> get) : SubjectIdText
    {
        public override ReadOnlySpan<char> Read(object entity, Span<char> buffer)
            => get(entity) is { } id && id.TryFormat(buffer, out var written, provider: CultureInfo.InvariantCulture) ? buffer[..written] : default;
    }

    private sealed class StringText(Func<object, string?> get) : SubjectIdText
    {
        public override ReadOnlySpan<char> Read(object entity, Span<char> buffer)
            => get(entity) is { } id ? new SubjectId(id).Value : default;
    }

    private sealed class BoxedText(Func<object, object?> get) : SubjectIdText
    {
        public override ReadOnlySpan<char> Read(object entity, Span<char> buffer)
            => get(entity) is { } id ? SubjectId.From(id).Value : default;
    }
}
