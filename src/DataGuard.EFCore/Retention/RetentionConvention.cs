using DataGuard.EFCore.Model;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace DataGuard.EFCore.Retention;

/// <summary>
/// Gives every entity whose policy anonymises a nullable shadow column <c>DataGuardAnonymizedAt</c>. Anonymised rows are
/// kept, and non-nullable personal columns hold a placeholder rather than null, so without the marker nothing would tell
/// an anonymised row from a due one: every run would rewrite (and count) the same rows again. Entities that erasure
/// anonymises (<see cref="ErasureAttribute"/>) get it too, so a repeated erasure changes nothing more.
/// On SQLite it also stops the model from building when a policy's <c>From</c> is a <see cref="DateTimeOffset"/> stored
/// as EF Core stores it by default (text with an offset, which SQLite cannot compare), naming the property and the fix.
/// </summary>
internal sealed class RetentionConvention(ICurrentDbContext currentContext) : IModelFinalizingConvention
{
    internal const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        var sqlite = RetentionConnectionScope.IsSqlite(currentContext.Context);
        var errors = new List<string>();

        // Base types first, so a policy inherited through [Retain(Inherited = true)] puts one column on the hierarchy.
        foreach (var entityType in modelBuilder.Metadata.GetEntityTypes().OrderBy(static e => e.GetAllBaseTypes().Count()).ToList())
        {
            if (!EntityTypeSpecReader.IsInScope(entityType) || entityType.IsOwned()
                || EntityTypeSpecReader.Read(entityType, []) is not { } spec)
            {
                continue; // misuse is reported by PersonalDataConvention
            }

            if (sqlite && spec.Retain is { From: { } from } && entityType.FindProperty(from) is { } date && !ComparableOnSqlite(date))
            {
                var error = $"{date.DeclaringType.DisplayName()}.{from}: [Retain] From is a DateTimeOffset, which EF Core stores as text with an offset on " +
                    "SQLite and cannot compare in SQL. "
                    + "Store it as a UTC DateTime, or give it an order-preserving value conversion, for example "
                    + ".HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero)) (keeps the instant to the tick, not the offset).";
                if (!errors.Contains(error))
                {
                    errors.Add(error); // once per declaring type, not once per type of a hierarchy
                }
            }

            if ((spec is ({ Retain.Then: RetentionAction.Anonymize } or { Erasure: ErasureAction.Anonymize }) || AnonymizedByRetention(entityType, spec))
                && entityType.FindProperty(RetentionAnnotationNames.AnonymizedAtProperty) is null)
            {
                var marker = entityType.Builder.Property(typeof(DateTime?), RetentionAnnotationNames.AnonymizedAtProperty);
                marker?.HasAnnotation(RetentionAnnotationNames.AnonymizedMarker, true);
            }
        }

        if (errors.Count > 0)
        {
            throw new DataGuardModelException(errors);
        }
    }

    /// <summary>Whether retention may anonymise rows of an entity type whose own policy does not: a shredding policy
    /// anonymises due rows without a subject (there is no key to destroy), and a retention delete of a principal
    /// anonymises the dependents whose subject column it sets to null while they hold values encrypted under that
    /// subject's key (see <see cref="RetentionPlan"/>).</summary>
    private static bool AnonymizedByRetention(IConventionEntityType entityType, PersonalTypeSpec spec)
    {
        var subject = EntityTypeSpecReader.SubjectPropertyName(entityType);
        if (spec.Retain is { Then: RetentionAction.Shred } && subject is not null && entityType.FindProperty(subject) is { IsNullable: true })
        {
            return true;
        }

        return entityType.GetForeignKeys().Any(static fk => fk.DeleteBehavior == DeleteBehavior.SetNull && RetentionPlan.ClearsSubjectOfEncryptedValues(fk));
    }

    /// <summary>Whether EF Core can translate <c>date &lt; cutoff</c> for this property on SQLite: anything but a
    /// <see cref="DateTimeOffset"/> still stored as one (a conversion to another provider type makes it comparable).</summary>
    internal static bool ComparableOnSqlite(IReadOnlyProperty property)
    {
        var stored = property.GetValueConverter()?.ProviderClrType ?? property.GetProviderClrType() ?? property.ClrType;
        return (Nullable.GetUnderlyingType(stored) ?? stored) != typeof(DateTimeOffset);
    }
}
