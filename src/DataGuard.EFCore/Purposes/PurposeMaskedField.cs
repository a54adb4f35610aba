using System.Reflection;
using DataGuard.Masking;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Purposes;

/// <summary>A personal field of an entity type as a purpose scope masks it: strings by the field's mask (or <c>***</c>
/// without <c>AddMasking()</c>), other types as their default value.</summary>
internal sealed record PurposeMaskedField(PersonalFieldDescriptor Field, IProperty? Property, MemberInfo? Member)
{
    private const string Fallback = "***";

    /// <summary>Masks the field on <paramref name="entity"/>; <see langword="false"/> when it has no member to set.</summary>
    public bool TryMask(object entity, DataMasker? masker)
    {
        if (Member is null)
        {
            return false;
        }

        var type = Member is FieldInfo f ? f.FieldType : ((PropertyInfo)Member).PropertyType;
        object? value;
        if (type == typeof(string))
        {
            var current = Get(entity) as string;
            value = current is null ? null : masker?.Mask(current, Field.Mask) ?? Fallback;
        }
        else
        {
            value = type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;
        }

        switch (Member)
        {
            case FieldInfo field:
                field.SetValue(entity, value);
                break;
            case PropertyInfo property when property.SetMethod is not null:
                property.SetValue(entity, value);
                break;
            default:
                return false;
        }

        return true;
    }

    private object? Get(object entity) => Member switch
    {
        FieldInfo field => field.GetValue(entity),
        PropertyInfo property => property.GetValue(entity),
        _ => null,
    };
}
