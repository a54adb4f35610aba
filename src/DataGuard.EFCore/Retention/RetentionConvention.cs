using DataGuard.EntityFrameworkCore.Model;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace DataGuard.EntityFrameworkCore.Retention;

/// <summary>
/// Gives every entity whose policy anonymises a nullable shadow column <c>DataGuardAnonymizedAt</c>. Anonymised rows are
/// kept, and non-nullable personal columns hold a placeholder rather than null, so without the marker nothing would tell
/// an anonymised row from a due one: every run would rewrite (and count) the same rows again. Entities that erasure
/// anonymises (<see cref="ErasureAttribute"/>) get it too, so a repeated erasure changes nothing more.
/// </summary>
internal sealed class RetentionConvention : IModelFinalizingConvention
{
    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        // Base types first, so a policy inherited through [Retain(Inherited = true)] puts one column on the hierarchy.
        foreach (var entityType in modelBuilder.Metadata.GetEntityTypes().OrderBy(static e => e.GetAllBaseTypes().Count()).ToList())
        {
            if (!EntityTypeSpecReader.IsInScope(entityType) || entityType.IsOwned()
                || entityType.FindProperty(RetentionAnnotationNames.AnonymizedAtProperty) is not null
                || EntityTypeSpecReader.Read(entityType, []) is not ({ Retain.Then: RetentionAction.Anonymize } or { Erasure: ErasureAction.Anonymize }))
            {
                continue; // misuse is reported by PersonalDataConvention
            }

            var marker = entityType.Builder.Property(typeof(DateTime?), RetentionAnnotationNames.AnonymizedAtProperty);
            marker?.HasAnnotation(RetentionAnnotationNames.AnonymizedMarker, true);
        }
    }
}
