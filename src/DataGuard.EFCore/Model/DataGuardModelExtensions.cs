using DataGuard.EFCore.Model;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Reads DataGuard's personal-data model out of an EF Core model.</summary>
public static class DataGuardModelExtensions
{
    /// <summary>
    /// The personal-data model of the context's entity types: attributes and fluent configuration combined. It is
    /// built once per EF Core model and cached on it.
    /// </summary>
    /// <param name="model">The EF Core model, usually <c>context.Model</c>.</param>
    /// <returns>The personal-data model.</returns>
    /// <exception cref="DataGuardModelException">An annotation is misused.</exception>
    public static PersonalDataModel GetPersonalDataModel(this IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.GetOrAddRuntimeAnnotationValue(DataGuardAnnotationNames.PersonalDataModel, static m => Build(m!), model);
    }

    private static PersonalDataModel Build(IModel model)
    {
        var errors = new List<string>();
        var specs = model.GetEntityTypes().Where(EntityTypeSpecReader.IsInScope).Select(e => EntityTypeSpecReader.Read(e, errors)).ToList();
        return errors.Count > 0 ? throw new DataGuardModelException(errors) : PersonalDataModel.FromSpecs(specs);
    }
}
