using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using DataGuard.Model;

namespace DataGuard.Masking;

/// <summary>Rewrites the JSON contract of types with <see cref="PersonalAttribute"/> properties so that those
/// properties are written masked unless <c>reveal</c> says otherwise for the object being written.</summary>
internal sealed class PersonalJsonModifier(DataMasker masker, Func<object, bool>? reveal)
{
    // The object whose property is being written. System.Text.Json calls a property's getter and then its converter
    // synchronously on the same thread, so the converter of a non-string property can ask about its owner.
    [ThreadStatic]
    private static object? _owner;

    public void Modify(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || typeInfo.Type.IsPrimitive || typeInfo.Type == typeof(string))
        {
            return;
        }

        var entity = masker.Describe(typeInfo.Type);
        if (entity.Fields.Count == 0)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.AttributeProvider is not PropertyInfo info || entity.FindField(info.Name) is not { } field || property.Get is not { } get)
            {
                continue;
            }

            var fieldMasker = masker.GetMasker(entity, field);
            var decide = reveal;
            if (property.PropertyType == typeof(string))
            {
                property.Get = owner =>
                {
                    var value = get(owner);
                    return value is string text && (decide is null || !decide(owner)) ? DataMasker.MaskObject(text, fieldMasker) : value;
                };
                continue;
            }

            property.Get = owner =>
            {
                _owner = owner;
                return get(owner);
            };
            property.CustomConverter = (JsonConverter)Activator.CreateInstance(
                typeof(MaskingConverter<>).MakeGenericType(property.PropertyType), fieldMasker, decide)!;
        }
    }

    private sealed class MaskingConverter<T>(IMasker fieldMasker, Func<object, bool>? decide) : JsonConverter<T>
    {
        private static readonly JsonConverter<T> Default = (JsonConverter<T>)JsonSerializerOptions.Default.GetConverter(typeof(T));

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => Default.Read(ref reader, typeToConvert, options);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            var owner = _owner;
            _owner = null;
            if (owner is not null && decide is not null && decide(owner))
            {
                Default.Write(writer, value, options);
                return;
            }

            if (DataMasker.MaskObject(value, fieldMasker) is { } masked)
            {
                writer.WriteStringValue(masked);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
