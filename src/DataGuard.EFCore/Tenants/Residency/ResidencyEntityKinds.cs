using DataGuard.EFCore.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Tenants.Residency;

/// <summary>Classifies an entity type once per model for the residency rule (<see cref="ResidencyEntityKind"/>).</summary>
internal static class ResidencyEntityKinds
{
    /// <summary>The tenant column of DataGuard's own tables.</summary>
    public const string StoreTenantProperty = "TenantId";

    private const string Annotation = "DataGuard:ResidencyKind";

    public static ResidencyEntityKind Of(IEntityType entityType, IModel model)
        => entityType.GetOrAddRuntimeAnnotationValue(Annotation, static state => Classify(state.Type, state.Model), (Type: entityType, Model: model));

    private static ResidencyEntityKind Classify(IEntityType entityType, IModel model)
    {
        if (entityType.ClrType.Assembly == typeof(ResidencyEntityKinds).Assembly)
        {
            return entityType.FindProperty(StoreTenantProperty) is { ClrType: var type } && type == typeof(string)
                ? ResidencyEntityKind.StoreRow
                : ResidencyEntityKind.None;
        }

        if (TenantColumn.Find(entityType) is not null)
        {
            return ResidencyEntityKind.TenantColumn;
        }

        var personal = model.GetPersonalDataModel();
        var descriptor = PersonalEntityLookup.Find(personal, entityType)
            ?? PersonalEntityLookup.Find(personal, PersonalEntityLookup.OutermostOwner(entityType));
        return descriptor is { HoldsPersonalData: true } ? ResidencyEntityKind.Personal : ResidencyEntityKind.None;
    }
}
