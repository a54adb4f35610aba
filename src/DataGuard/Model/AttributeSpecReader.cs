using System.Reflection;

namespace DataGuard.Model;

/// <summary>Reads DataGuard's attributes off a CLR type. Reflection happens here, once per type; callers cache.</summary>
internal static class AttributeSpecReader
{
    public static PersonalTypeSpec Read(Type type, string? name = null, string? storeName = null)
    {
        var properties = new List<PersonalPropertySpec>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            properties.Add(ReadProperty(property, isKey: false));
        }

        var configured = type.GetCustomAttribute<DataGuardEntityAttribute>(inherit: false)?.Name;
        return new PersonalTypeSpec(
            configured ?? name ?? type.Name,
            type,
            storeName,
            properties,
            type.GetCustomAttribute<RetainAttribute>(inherit: true),
            Erasure: type.GetCustomAttribute<ErasureAttribute>(inherit: true)?.Action,
            NameConfigured: configured is not null);
    }

    public static PersonalPropertySpec ReadProperty(PropertyInfo property, bool isKey) => new(
        property.Name,
        property.PropertyType,
        property.GetCustomAttribute<PersonalAttribute>(inherit: true),
        property.IsDefined(typeof(DataSubjectAttribute), inherit: true),
        isKey,
        property);
}
