using System.Reflection;
using DataGuard.Model;

namespace DataGuard.Masking;

/// <summary>What a type's masked description needs, computed once per type: its readable properties and, for the
/// personal ones, their masker.</summary>
internal sealed class MaskPlan
{
    private MaskPlan(string typeName, PersonalEntityDescriptor entity, PlannedProperty[] properties)
    {
        TypeName = typeName;
        Entity = entity;
        Properties = properties;
    }

    public string TypeName { get; }

    public PersonalEntityDescriptor Entity { get; }

    public PlannedProperty[] Properties { get; }

    public static MaskPlan Build(Type type, DataMasker masker)
    {
        var entity = masker.Describe(type);
        var properties = new List<PlannedProperty>();
        foreach (var info in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (info.GetIndexParameters().Length > 0 || info.GetMethod is null)
            {
                continue;
            }

            var field = entity.FindField(info.Name);
            properties.Add(new PlannedProperty(info, field is null ? null : masker.GetMasker(entity, field)));
        }

        return new MaskPlan(TypeDisplay.Of(type), entity, [.. properties]);
    }

    internal sealed record PlannedProperty(PropertyInfo Info, IMasker? Masker);
}
