using System.Globalization;
using System.Text;
using DataGuard.Consent;
using DataGuard.Masking;
using DataGuard.Purposes;

namespace DataGuard.Model.DataMaps;

/// <summary>Renders a <see cref="DataMap"/> as Markdown, in the order of GDPR Art. 30(1).</summary>
internal static class DataMapMarkdown
{
    public static string Render(DataMap map)
    {
        var md = new StringBuilder();
        md.AppendLine("# Data map (record of processing, GDPR Art. 30)").AppendLine();
        if (map.Processing is { } processing)
        {
            Parties(md, processing);
        }

        Purposes(md, map.Purposes);
        if (map.Processing is { SubjectCategories.Count: > 0 } withSubjects)
        {
            md.AppendLine("## Categories of data subjects").AppendLine();
            foreach (var category in withSubjects.SubjectCategories)
            {
                var entities = category.Entities.Count == 0 ? "" : $" (held in {string.Join(", ", category.Entities.Select(static e => $"`{e}`"))})";
                md.AppendLine(
                    CultureInfo.InvariantCulture,
                    $"- **{Cell(category.Name)}**{(category.Description is null ? "" : $": {Cell(category.Description)}")}{entities}");
            }

            md.AppendLine();
        }

        Entities(md, map.Entities);
        if (map.Processing is { } rest)
        {
            Recipients(md, rest);
            Transfers(md, rest);
            Residency(md, rest.Residency);
            md.AppendLine("## Time limits for erasure").AppendLine();
            foreach (var category in rest.RetentionByCategory)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- **{category.Category}**: {string.Join("; ", category.Limits.Select(Cell))}");
            }

            md.AppendLine().AppendLine("## Security measures").AppendLine();
            foreach (var measure in rest.SecurityMeasures)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {Cell(measure)}");
            }

            md.AppendLine();
        }

        return md.ToString();
    }

    private static void Parties(StringBuilder md, DataMapProcessing processing)
    {
        md.AppendLine("## Controller").AppendLine();
        Party(md, "Controller", processing.Controller, "not recorded");
        Party(md, "Representative in the Union", processing.Representative, "none");
        Party(md, "Data protection officer", processing.DataProtectionOfficer, "none designated");
        md.AppendLine();
    }

    private static void Party(StringBuilder md, string role, DataMapParty? party, string missing)
        => md.AppendLine(party is null ? $"- {role}: {missing}" : $"- {role}: {Cell(party.Name)}{(party.Contact is null ? "" : $" ({Cell(party.Contact)})")}");

    private static void Purposes(StringBuilder md, IReadOnlyList<DataMapPurpose> purposes)
    {
        md.AppendLine("## Purposes").AppendLine();
        if (purposes.Count == 0)
        {
            md.AppendLine("No purposes are declared.").AppendLine();
            return;
        }

        md.AppendLine("| Purpose | Lawful basis | Notice | Consent required | Default expiry | Uses | Description |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var p in purposes)
        {
            var expiry = !p.RequiresConsent
                ? "-"
                : p.DefaultExpiryDays is { } days ? days.ToString("0.##", CultureInfo.InvariantCulture) + " days" : "until withdrawn";
            var uses = p.Categories is null
                ? "-"
                : string.Join(", ", [.. p.Categories.Select(static c => c.ToString()), .. (p.Entities ?? []).Select(static e => $"`{e}`")]);
            md.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(p.Name)} | {p.LawfulBasis} | {Cell(p.NoticeVersion ?? "-")} " +
                $"| {(p.RequiresConsent ? "yes" : "no")} | {expiry} | {(uses.Length == 0 ? "nothing" : uses)} | {Cell(p.Description ?? "")} |");
        }

        md.AppendLine();
    }

    private static void Entities(StringBuilder md, IReadOnlyList<DataMapEntity> entities)
    {
        md.AppendLine("## Personal data").AppendLine();
        if (entities.Count == 0)
        {
            md.AppendLine("No entity holds personal data.");
        }

        foreach (var e in entities)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"### {Cell(e.Name)}").AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"- Type: `{e.ClrType}`");
            if (e.Store is not null)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- Stored in: `{e.Store}`");
            }

            md.AppendLine(e.Subject is not null ? $"- Data subject: `{e.Subject}`"
                : e.SubjectPath is not null ? $"- Data subject: through `{e.SubjectPath}`"
                : e.Unreachable ? "- Data subject: none — **personal data no subject reaches** (export and erasure cannot find it)"
                : "- Data subject: none (not reachable by subject)");
            if (e.AllowedPurposes is { } allowed)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- Only for: {string.Join(", ", allowed.Select(Cell))}");
            }

            if (e.Retention is { } r)
            {
                md.Append(CultureInfo.InvariantCulture, $"- Retention: {r.Days} days from `{r.From}`, then {r.Then.ToString().ToLowerInvariant()}");
                md.AppendLine(r.LegalRequirement is null ? "" : $"; kept at least that long: {Cell(r.LegalRequirement)}");
            }
            else
            {
                md.AppendLine("- Retention: not declared");
            }

            md.AppendLine();
            if (e.Fields.Count > 0)
            {
                md.AppendLine("| Field | Type | Category | Encrypted | Searchable | Mask | Purposes |");
                md.AppendLine("|---|---|---|---|---|---|---|");
                foreach (var f in e.Fields)
                {
                    var category = f.SpecialCategory ? $"{f.Category} (special)" : f.Category.ToString();
                    var purposes = f.Purposes is null ? "-" : f.Purposes.Count == 0 ? "**none**" : string.Join(", ", f.Purposes.Select(Cell));
                    md.AppendLine(CultureInfo.InvariantCulture, $"| {f.Name} | {Cell(f.Type)} | {category} | {(f.Encrypted ? "yes" : "no")} " +
                        $"| {(f.Searchable ? "yes" : "no")} | {f.Mask} | {purposes} |");
                }

                md.AppendLine();
            }
        }
    }

    private static void Recipients(StringBuilder md, DataMapProcessing processing)
    {
        md.AppendLine("## Recipients").AppendLine();
        if (processing.Recipients.Count == 0)
        {
            md.AppendLine("No recipient receives personal data.").AppendLine();
            return;
        }

        md.AppendLine("| Recipient | Role | Purposes | Country |");
        md.AppendLine("|---|---|---|---|");
        foreach (var r in processing.Recipients)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(r.Name)} | {r.Role} | {string.Join(", ", r.Purposes.Select(Cell))} " +
                $"| {Cell(r.Country ?? "-")} |");
        }

        md.AppendLine();
    }

    private static void Transfers(StringBuilder md, DataMapProcessing processing)
    {
        md.AppendLine("## Transfers outside the EEA").AppendLine();
        if (processing.Transfers.Count == 0)
        {
            md.AppendLine("No personal data is transferred to a third country or international organisation.").AppendLine();
            return;
        }

        md.AppendLine("| Recipient | Country | Safeguard | Documentation |");
        md.AppendLine("|---|---|---|---|");
        foreach (var t in processing.Transfers)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(t.Recipient)} | {Cell(t.Country)} | {t.Safeguard} | {Cell(t.Documentation ?? "-")} |");
        }

        md.AppendLine();
    }

    private static void Residency(StringBuilder md, DataMapResidency? residency)
    {
        if (residency is null)
        {
            return;
        }

        md.AppendLine("## Where the data is stored").AppendLine();
        md.Append(CultureInfo.InvariantCulture, $"Regions: {string.Join(", ", residency.Regions.Select(Cell))}. ")
            .AppendLine("A tenant's data is written only in its region.");
        md.AppendLine();
        if (residency.Tenants.Count == 0)
        {
            md.AppendLine("No tenant declares a region.").AppendLine();
            return;
        }

        md.AppendLine("| Tenant | Region |");
        md.AppendLine("|---|---|");
        foreach (var tenant in residency.Tenants)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(tenant.Id)} | {Cell(tenant.Region)} |");
        }

        md.AppendLine();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
