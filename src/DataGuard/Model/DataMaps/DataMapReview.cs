namespace DataGuard.Model;

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
                findings.Add($"{entity.Name}: no declared purpose uses {string.Join(", ", unused)}; data kept for no purpose breaks purpose limitation and data minimisation (Art. 5(1)(b), (c)).");
            }
        }

        foreach (var entity in map.Entities.Where(static e => e.Unreachable))
        {
            findings.Add($"{entity.Name}: personal data no data subject reaches; export and erasure cannot find it.");
        }

        return findings;
    }
}
