using DataGuard.Consent;

namespace DataGuard.Model.DataMaps;

/// <summary>The findings of <see cref="DataMap.Review"/>.</summary>
internal static class DataMapReview
{
    public static IReadOnlyList<string> Find(DataMap map)
    {
        var findings = new List<string>();
        foreach (var purpose in map.Purposes.Where(static p => p.Categories is { Count: 0 } && p.Entities is not { Count: > 0 }))
        {
            findings.Add($"Purpose '{purpose.Name}' declares no personal data it uses (Purpose.Uses): a purpose scope for it can read no personal field.");
        }

        foreach (var entity in map.Entities)
        {
            var unused = entity.Fields.Where(static f => f.Purposes is { Count: 0 }).Select(static f => f.Name).ToList();
            if (unused.Count > 0)
            {
                findings.Add($"{entity.Name}: no declared purpose uses {string.Join(", ", unused)}; data kept for no purpose breaks purpose limitation and " +
                    "data minimisation (Art. 5(1)(b), (c)).");
            }
        }

        if (map.Processing is { } processing)
        {
            // The items of Art. 30(1) the model and the purposes cannot supply (docs/data-map.md's checklist).
            if (processing.Controller is null)
            {
                findings.Add("Art. 30(1)(a): the controller's name and contact are not recorded (RecordOfProcessing.Controller).");
            }

            if (processing.SubjectCategories.Count == 0)
            {
                findings.Add("Art. 30(1)(c): no category of data subjects is recorded (RecordOfProcessing.SubjectCategories).");
            }

            foreach (var entity in map.Entities.Where(e => e.Fields.Count > 0 && !processing.SubjectCategories.Any(c => c.Entities.Contains(e.Name))))
            {
                findings.Add($"Art. 30(1)(c): {entity.Name} holds personal data of no recorded category of data subjects.");
            }

            foreach (var purpose in map.Purposes.Where(p => !processing.Recipients.Any(r => r.Purposes.Contains(p.Name))))
            {
                findings.Add($"Art. 30(1)(d): no recipient is recorded for purpose '{purpose.Name}'; record the internal department if nobody outside " +
                    "receives the data.");
            }

            foreach (var entity in map.Entities.Where(static e => e.Fields.Count > 0 && e.Retention is null))
            {
                findings.Add($"Art. 30(1)(f): {entity.Name} has no time limit for erasure ([Retain]).");
            }
        }

        foreach (var entity in map.Entities.Where(static e => e.Unreachable))
        {
            findings.Add($"{entity.Name}: personal data no data subject reaches; export and erasure cannot find it.");
        }

        return findings;
    }
}
