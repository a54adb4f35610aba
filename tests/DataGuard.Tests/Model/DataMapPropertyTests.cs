using DataGuard.Masking;
using DataGuard.Model;
using DataGuard.Model.DataMaps;
using DataGuard.Subjects;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DataGuard.Tests.Model;

public sealed class DataMapPropertyTests
{
    private static readonly Type[] PropertyTypes =
    [
        typeof(string), typeof(byte[]), typeof(bool), typeof(int), typeof(long), typeof(decimal), typeof(Guid),
        typeof(DateOnly), typeof(DateTime), typeof(DateTimeOffset), typeof(int?), typeof(Guid?), typeof(DateTime?),
    ];

    private static readonly Type[] SubjectTypes = [typeof(Guid), typeof(string), typeof(int), typeof(long), typeof(Guid?), typeof(long?)];

    private static readonly string?[] LegalRequirements = [null, "Tax records: 10 years", "Contract | warranty", "Commercial law §257 HGB"];

    private static Gen<PersonalAttribute?> PersonalFor(Type type) =>
        from isPersonal in Gen.Elements(true, true, false)
        from category in Gen.Elements(Enum.GetValues<PersonalCategory>())
        from mask in Gen.Elements(Enum.GetValues<MaskStyle>())
        from encrypt in Gen.Elements(true, false)
        from searchable in Gen.Elements(true, false)
        select isPersonal
            ? new PersonalAttribute(category) { Mask = mask, Encrypt = encrypt, Searchable = searchable && encrypt && type == typeof(string) }
            : null;

    private static readonly Gen<EmittedEntity> Entities =
        from count in Gen.Choose(0, 8)
        from types in Gen.ArrayOf(Gen.Elements(PropertyTypes), count)
        from personals in Gen.CollectToArray(types, PersonalFor)
        from subjectType in Gen.Elements(SubjectTypes)
        from hasSubject in Gen.Elements(true, false)
        from hasRetention in Gen.Elements(true, false)
        from days in Gen.Choose(1, 10_000)
        from then in Gen.Elements(Enum.GetValues<RetentionAction>())
        from legal in Gen.Elements(LegalRequirements)
        select Build(types, personals.ToArray(), hasSubject ? subjectType : null, hasRetention ? (days, then, legal) : null);

    private static EmittedEntity Build(Type[] types, PersonalAttribute?[] personals, Type? subjectType,
        (int Days, RetentionAction Then, string? Legal)? retention)
    {
        var properties = types.Select((t, i) => new EmittedProperty($"P{i}", t, personals[i])).ToList();
        properties.Add(new EmittedProperty("CreatedAt", typeof(DateTimeOffset), null));
        int? subjectIndex = null;
        if (subjectType is not null)
        {
            subjectIndex = properties.Count;
            properties.Add(new EmittedProperty("SubjectId", subjectType, null));
        }

        RetainAttribute? retain = null;
        if (retention is { } r)
        {
            // Keep the declaration valid: shredding needs a subject, anonymising needs something to clear.
            var then = r.Then switch
            {
                RetentionAction.Shred when subjectIndex is null => RetentionAction.Delete,
                RetentionAction.Anonymize when personals.All(p => p is null) => RetentionAction.Delete,
                _ => r.Then,
            };
            retain = new RetainAttribute { Days = r.Days, From = "CreatedAt", Then = then, LegalRequirement = r.Legal };
        }

        return new EmittedEntity(properties, subjectIndex, retain);
    }

    [Property(MaxTest = 200)]
    public Property Any_valid_annotations_round_trip_through_the_data_map_json() =>
        Prop.ForAll(Arb.From(Entities), entity =>
        {
            var type = entity.Emit();
            var model = PersonalDataModel.FromTypes(type);
            var json = DataMap.Create(model, []).ToJson();
            var parsed = DataMap.FromJson(json);

            var personal = entity.Properties.Where(p => p.Personal is not null).ToList();
            var holds = personal.Count > 0 || entity.SubjectIndex is not null || entity.Retain is not null;
            if (!holds)
            {
                return parsed.Entities.Count == 0;
            }

            var row = Assert.Single(parsed.Entities);
            Assert.Equal(type.Name, row.Name);
            Assert.Equal(type.FullName, row.ClrType);
            Assert.Equal(entity.SubjectIndex is { } s ? entity.Properties[s].Name : null, row.Subject);
            Assert.Equal(
                entity.Retain is { } r ? new DataMapRetention(r.Days, r.From!, r.Then, r.LegalRequirement) : null,
                row.Retention);
            Assert.Equal(
                personal.Select(p => new DataMapField(
                    p.Name,
                    TypeDisplay.Of(p.Type),
                    p.Personal!.Category,
                    p.Personal.Category.IsSpecial(),
                    p.Personal.Encrypt,
                    p.Personal.Searchable,
                    p.Personal.Mask == MaskStyle.Default ? p.Personal.Category.DefaultMask() : p.Personal.Mask)),
                row.Fields.Select(static f => f with { Purposes = null }));
            Assert.All(row.Fields, static f => Assert.Empty(f.Purposes!)); // no purpose is declared in these maps
            Assert.Equal(json, parsed.ToJson());
            return true;
        });
}
