using DataGuard.Model;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace DataGuard.EntityFrameworkCore.Model;

/// <summary>
/// Runs when the EF Core model is finalised: validates DataGuard's annotations (so misuse fails when the model is
/// built, naming type and property) and gives every data-subject column a database index, because export, erasure
/// and subject-key lookups filter on it.
/// </summary>
internal sealed class PersonalDataConvention : IModelFinalizingConvention
{
    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        var errors = new List<string>();
        foreach (var entityType in modelBuilder.Metadata.GetEntityTypes())
        {
            if (!EntityTypeSpecReader.IsInScope(entityType))
            {
                continue;
            }

            var descriptor = PersonalModelValidator.Validate(EntityTypeSpecReader.Read(entityType, errors), errors);
            if (descriptor?.SubjectProperty is { } subject && entityType.FindProperty(subject) is { } property)
            {
                EnsureIndexed(entityType, property);
            }
        }

        if (errors.Count > 0)
        {
            throw new DataGuardModelException(errors);
        }
    }

    private static void EnsureIndexed(IConventionEntityType entityType, IConventionProperty property)
    {
        if (entityType.FindPrimaryKey()?.Properties[0] == property
            || entityType.GetIndexes().Any(i => i.Properties[0] == property))
        {
            return;
        }

        entityType.Builder.HasIndex([property]);
    }
}
