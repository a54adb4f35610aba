using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataGuard.Subjects;

/// <summary>Writes a <see cref="SubjectId"/> as its text (<c>"ana"</c>, not <c>{"value":"ana"}</c>) and reads it back.</summary>
internal sealed class SubjectIdJsonConverter : JsonConverter<SubjectId>
{
    public override SubjectId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } value
            ? new SubjectId(value)
            : throw new JsonException("A subject id is a non-empty JSON string.");

    public override void Write(Utf8JsonWriter writer, SubjectId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
