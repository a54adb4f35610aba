using System.Globalization;
using DataGuard.Consent;
using DataGuard.Masking;
using DataGuard.Model.Processing;
using DataGuard.Purposes;
using DataGuard.Tenants.Residency;

namespace DataGuard.Model.DataMaps;

/// <summary>Builds a <see cref="DataMap"/> from the personal-data model, the purposes and the record of processing.</summary>
internal static class DataMapBuilder
{
    public static DataMap Create(PersonalDataModel model, IReadOnlyList<Purpose> purposes, RecordOfProcessingOptions? record, bool subjectKeys,
        ResidencyOptions? residency = null)
    {
        var entityRows = model.Entities
            .Select(e => new DataMapEntity(
                e.Name,
                e.ClrType.FullName ?? e.ClrType.Name,
                e.StoreName,
                e.SubjectProperty,
                e.Retention is { } r ? new DataMapRetention(r.Days, r.From, r.Then, r.LegalRequirement) : null,
                e.Fields.Select(f => new DataMapField(
                    f.Name,
                    TypeDisplay.Of(f.ClrType),
                    f.Category,
                    f.IsSpecialCategory,
                    f.Encrypted,
                    f.Searchable,
                    f.Mask,
                    [.. purposes.Where(p => MayUse(p, e, f)).Select(static p => p.Name)])).ToArray(),
                e.SubjectPath,
                e.Fields.Count > 0 && !e.IsReachableBySubject && e.Owner is null,
                PurposeRules.AllowedPurposes(e.ClrType)))
            .ToArray();
        var purposeRows = purposes
            .Select(p => new DataMapPurpose(
                p.Name, p.Description, p.LawfulBasis, p.NoticeVersion, p.RequiresConsent, p.AcceptsOlderNotices, p.DefaultExpiry?.TotalDays,
                [.. p.Categories.Order()],
                [.. model.Entities.Where(e => MayUse(p, e)).Select(static e => e.Name)]))
            .ToArray();
        return new DataMap(purposeRows, entityRows, record is null ? null : Processing(model, record, subjectKeys) with { Residency = Residency(residency) });
    }

    private static DataMapResidency? Residency(ResidencyOptions? residency)
        => residency is not { Enabled: true }
            ? null
            : new DataMapResidency([.. residency.Regions.Order(StringComparer.Ordinal)],
                [.. residency.Tenants.OrderBy(static t => t.Key, StringComparer.Ordinal).Select(static t => new DataMapTenant(t.Key, t.Value))]);

    /// <summary>Whether the purpose may use some of the entity's personal data.</summary>
    private static bool MayUse(Purpose purpose, PersonalEntityDescriptor entity)
        => entity.Fields.Any(f => MayUse(purpose, entity, f));

    /// <summary>Whether the purpose may use the field, by the same rules as <see cref="IPurposeGuard"/> and purpose scopes.</summary>
    private static bool MayUse(Purpose purpose, PersonalEntityDescriptor entity, PersonalFieldDescriptor field)
        => PurposeRules.Check(purpose, entity.ClrType, [field.Category]) is null;

    private static DataMapProcessing Processing(PersonalDataModel model, RecordOfProcessingOptions record, bool subjectKeys)
        => new(
            Party(record.Controller),
            Party(record.Representative),
            Party(record.DataProtectionOfficer),
            [.. record.SubjectCategories.Select(static c => new DataMapSubjectCategory(c.Name, c.Description, [.. c.Entities]))],
            [.. record.Recipients.Select(static r => new DataMapRecipient(r.Name, r.Role, [.. r.Purposes], r.Country))],
            [.. record.Transfers.Select(static t => new DataMapTransfer(t.Recipient, t.Country, t.Safeguard, t.Documentation))],
            RetentionByCategory(model),
            [.. SecurityMeasures(model, subjectKeys), .. record.SecurityMeasures]);

    private static DataMapParty? Party(ProcessingParty party)
        => string.IsNullOrWhiteSpace(party.Name) ? null : new DataMapParty(party.Name, party.Contact);

    private static DataMapCategoryRetention[] RetentionByCategory(PersonalDataModel model)
        => [.. model.Entities
            .SelectMany(static e => e.Fields.Select(f => (f.Category, Entity: e)))
            .GroupBy(static x => x.Category)
            .OrderBy(static g => g.Key)
            .Select(static g => new DataMapCategoryRetention(g.Key, [.. g.Select(static x => x.Entity).Distinct().Select(Limit)]))];

    private static string Limit(PersonalEntityDescriptor entity) => entity.Retention is { } r
        ? string.Create(CultureInfo.InvariantCulture, $"{entity.Name}: {r.Days} days from {r.From}, " +
            $"then {r.Then.ToString().ToLowerInvariant()}{(r.LegalRequirement is null ? "" : $" (kept at least that long: {r.LegalRequirement})")}")
        : $"{entity.Name}: not declared (kept until erased)";

    /// <summary>The measures DataGuard itself applies, as the model shows them.</summary>
    private static IEnumerable<string> SecurityMeasures(PersonalDataModel model, bool subjectKeys)
    {
        var fields = model.Entities.SelectMany(static e => e.Fields).ToList();
        var encrypted = fields.Count(static f => f.Encrypted);
        yield return string.Create(CultureInfo.InvariantCulture, $"{encrypted} of {fields.Count} personal fields are encrypted at rest with " +
            $"AES-256-GCM{(subjectKeys ? " under a key per data subject, destroyed on erasure (crypto-shredding)" : "")}.");
        if (fields.Any(static f => f.Searchable))
        {
            yield return "Searchable encrypted fields are found through HMAC-SHA256 blind indexes; no clear value is stored for search.";
        }

        yield return "Personal fields are masked in logs and API responses by their category's mask.";
        var retained = model.Entities.Count(static e => e.Retention is not null);
        if (retained > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"Retention limits on {retained} {(retained == 1 ? "entity" : "entities")} are enforced " +
                $"by a scheduled job, with legal holds and signed reports.");
        }
    }
}
