using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using DataGuard.EFCore.Encryption;
using DataGuard.EFCore.Model;
using DataGuard.EFCore.Retention;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Subjects;

/// <summary>
/// One entity a data subject reaches (by its own subject column or a subject path), with the queries export and
/// erasure run on it. Built once per EF Core model and cached on it; the generic <see cref="EntitySubjectTarget{TEntity}"/>
/// builds its expressions over <c>EF.Property</c> once, so nothing is reflected per row.
/// </summary>
internal abstract class SubjectTarget(PersonalEntityDescriptor descriptor, IEntityType entityType)
{
    private const string TargetsAnnotation = "DataGuard:SubjectTargets";
    private const string ExportAnnotation = "DataGuard:SubjectExport";

    public string Name => descriptor.Name;

    public PersonalEntityDescriptor Descriptor => descriptor;

    public IEntityType EntityType => entityType;

    /// <summary>The exported columns in a stable order (key first, then by name, as EF Core orders properties), without
    /// DataGuard's own blind-index and marker columns, then the owned types' columns in the row (<c>Address.Street</c>).</summary>
    public IReadOnlyList<string> Columns { get; } = entityType.GetProperties()
        .Where(static p => p.FindAnnotation(EncryptionAnnotationNames.BlindIndexOf) is null
            && p.FindAnnotation(RetentionAnnotationNames.AnonymizedMarker) is null)
        .Select(static p => DataGuard.EFCore.Model.StoredFormProperty.PersonalName(p)) // a subject-key scalar by its member's name
        .Concat(DataGuard.EFCore.Model.OwnedProperties.Exported(entityType).Select(static p => p.Path)) // owned types travel with their owner
        .ToArray();

    /// <summary>The CLR type of the subject property the entity is found by (its own, or the one at the end of its path).</summary>
    public abstract Type SubjectType { get; }

    public bool HasBlindIndexes => entityType.GetProperties().Any(static p => p.FindAnnotation(EncryptionAnnotationNames.BlindIndexOf) is not null);

    /// <summary>The subject's rows, projected to the exported columns, decrypted, in key order, untracked.</summary>
    public abstract IAsyncEnumerable<object?[]> ExportAsync(DbContext context, object subject);

    /// <summary>The distinct subject values of the current tenant's rows (every row without tenants), whatever the
    /// application's query filters hide; null values left out. For the tenant's handover archive.</summary>
    public abstract Task<List<object>> SubjectsAsync(DbContext context, CancellationToken cancellationToken);

    /// <summary>Counts the subject's rows: all, only those inside the retention minimum (<paramref name="kept"/> true),
    /// or only those outside it (false). A null <paramref name="keepFrom"/> means no row is inside a minimum.</summary>
    public abstract Task<long> CountAsync(DbContext context, object subject, object? keepFrom, bool? kept, CancellationToken cancellationToken);

    /// <summary>The subject's rows outside the retention minimum (those <see cref="DeleteAsync"/> deletes), untracked.</summary>
    public abstract IQueryable DeletableRows(DbContext context, object subject, object? keepFrom);

    /// <summary>Deletes the subject's rows outside the retention minimum.</summary>
    public abstract Task<int> DeleteAsync(DbContext context, object subject, object? keepFrom, CancellationToken cancellationToken);

    /// <summary>Anonymises the subject's rows outside the retention minimum that are not anonymised yet.</summary>
    public abstract Task<int> AnonymizeAsync(DbContext context, object subject, object? keepFrom, DateTime now, CancellationToken cancellationToken);

    /// <summary>Prepares the subject's rows outside the retention minimum for shredding their key: what the key does not
    /// protect is cleared (personal fields stored in clear, every personal field of an entity reached through a subject
    /// path, whose values are not under the subject's key, and blind indexes, which would still confirm a guessed
    /// value). Returns the number of rows.</summary>
    public abstract Task<long> PrepareShredAsync(DbContext context, object subject, object? keepFrom, CancellationToken cancellationToken);

    /// <summary>Clears the blind indexes of the subject's rows inside the retention minimum (all rows when
    /// <paramref name="keepFrom"/> is null), so kept rows can no longer be found by a personal value.</summary>
    public abstract Task<int> ClearBlindIndexesAsync(DbContext context, object subject, object? keepFrom, CancellationToken cancellationToken);

    public static IReadOnlyList<SubjectTarget> For(IModel model)
        => model.GetOrAddRuntimeAnnotationValue(TargetsAnnotation, static m => Build(m!), model);

    /// <summary>The targets in export order (by name), with the schema fingerprint of the package: SHA-256 over every
    /// exported entity and its columns. Computed once per model.</summary>
    public static (IReadOnlyList<SubjectTarget> Targets, string Schema) ForExport(IModel model)
        => model.GetOrAddRuntimeAnnotationValue(ExportAnnotation, static m =>
        {
            var targets = For(m!).OrderBy(static t => t.Name, StringComparer.Ordinal).ToArray();
            var text = new StringBuilder();
            foreach (var target in targets)
            {
                text.Append(target.Name).Append(':').AppendJoin(',', target.Columns).Append('\n');
            }

            return ((IReadOnlyList<SubjectTarget>)targets, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))));
        }, model);

    private static List<SubjectTarget> Build(IModel model)
    {
        var targets = new List<SubjectTarget>();
        foreach (var descriptor in model.GetPersonalDataModel().Entities)
        {
            if (!descriptor.IsReachableBySubject)
            {
                continue;
            }

            var entityType = model.FindEntityType(descriptor.ClrType)
                ?? model.GetEntityTypes()
                    .First(e => string.Equals(DataGuard.EFCore.Model.EntityTypeSpecReader.DataGuardName(e), descriptor.Name, StringComparison.Ordinal));
            if (entityType.IsOwned() || entityType.FindPrimaryKey() is null)
            {
                continue; // owned types travel with their owner; keyless types cannot be erased set by set
            }

            var type = typeof(EntitySubjectTarget<>).MakeGenericType(entityType.ClrType);
            targets.Add((SubjectTarget)Activator.CreateInstance(type, BindingFlags.Public | BindingFlags.Instance, null, [descriptor, entityType], null)!);
        }

        return targets;
    }
}
