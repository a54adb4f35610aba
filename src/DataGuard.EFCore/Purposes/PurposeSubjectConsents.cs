using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using DataGuard.Consent;
using DataGuard.Purposes;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Purposes;

/// <summary>
/// The consent states of the subjects one entity type's reads met in one purpose scope, by the subject property's own
/// value: read through a delegate compiled once per entity type and looked up without boxing, so a read inside a scope
/// allocates nothing per entity once the scope knows its subjects (benchmarks/README.md, Purpose scopes). A value the
/// scope has not seen yet goes to <see cref="PurposeScope.ConsentOf"/> (the scope's cache, the application's, then the
/// consent service); a consent record written in this process since drops every state kept here.
/// </summary>
internal abstract class PurposeSubjectConsents
{
    /// <summary>A factory of per-scope instances for the subject property <paramref name="subject"/>; its getter is
    /// compiled on first use.</summary>
    public static Func<PurposeScope, PurposeSubjectConsents> Factory(IProperty subject)
    {
        var member = (MemberInfo?)subject.FieldInfo ?? subject.PropertyInfo
            ?? throw new InvalidOperationException($"{subject.DeclaringType.DisplayName()}.{subject.Name} has no CLR member to read the subject from.");
        var reader = (SubjectReader)Activator.CreateInstance(typeof(SubjectReader<>).MakeGenericType(subject.ClrType), member)!;
        return reader.Begin;
    }

    /// <summary>The consent state of the entity's subject for the scope's purpose, or <see langword="null"/> when the
    /// entity has no subject value.</summary>
    /// <exception cref="ObjectDisposedException">The scope was disposed.</exception>
    public abstract ConsentStatus? ConsentOf(object entity);

    /// <summary>Forgets the states (the scope is over).</summary>
    public abstract void Clear();

    private abstract class SubjectReader
    {
        public abstract PurposeSubjectConsents Begin(PurposeScope scope);
    }

    private sealed class SubjectReader<TValue>(MemberInfo member) : SubjectReader
        where TValue : notnull
    {
        private Func<object, TValue>? _read;

        public override PurposeSubjectConsents Begin(PurposeScope scope) => new Typed<TValue>(scope, _read ??= Compile());

        private Func<object, TValue> Compile()
        {
            var entity = Expression.Parameter(typeof(object), "entity");
            var value = Expression.MakeMemberAccess(Expression.Convert(entity, member.DeclaringType!), member);
            return Expression.Lambda<Func<object, TValue>>(value, entity).Compile();
        }
    }

    private sealed class Typed<TValue>(PurposeScope scope, Func<object, TValue> read) : PurposeSubjectConsents
        where TValue : notnull
    {
        private readonly ConcurrentDictionary<TValue, ConsentStatus> _states = new();
        private readonly Lock _lock = new();
        private long _version = ConsentChanges.Version;

        public override ConsentStatus? ConsentOf(object entity)
        {
            var value = read(entity);
            if (value is null)
            {
                return null;
            }

            ObjectDisposedException.ThrowIf(scope.IsDisposed, scope);
            var version = ConsentChanges.Version;
            return version == Volatile.Read(ref _version) && _states.TryGetValue(value, out var status) ? status : Miss(value, version);
        }

        public override void Clear() => _states.Clear();

        private ConsentStatus Miss(TValue value, long version)
        {
            // Boxed once per subject and scope: the scope keys its states by the subject id's text.
            var status = scope.ConsentOf(SubjectId.From(value));
            lock (_lock)
            {
                // Kept only while no consent record was written since the version read before the lookup (the scope's
                // own state is at least that fresh); a newer version drops what was kept under the older one.
                if (version > _version)
                {
                    _states.Clear();
                    Volatile.Write(ref _version, version);
                }

                if (version == _version)
                {
                    _states[value] = status;
                }
            }

            return status;
        }
    }
}
