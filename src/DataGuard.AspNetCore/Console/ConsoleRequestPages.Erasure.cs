using System.IO.Compression;
using DataGuard.AspNetCore.Pages;
using DataGuard.Consent;
using DataGuard.Model;
using DataGuard.Retention;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.Console;

/// <summary>Erasure requests: the preview of what happens to each entity and why, the execution, and the signed report.</summary>
internal static partial class ConsoleRequestPages
{
    /// <summary>What an erasure will do to each entity the subject reaches, and why rows are kept, from the model, the
    /// erasure options and the active legal holds; then the confirmation that executes it.</summary>
    private static void RenderErasurePreview(
        Html html,
        PageContext page,
        SubjectRequest request,
        IServiceProvider services,
        IReadOnlyList<LegalHold> holds,
        string path)
    {
        var model = services.GetService<PersonalDataModel>();
        var subjectKeys = services.GetRequiredService<IOptions<DataGuardOptions>>().Value.Encryption.SubjectKeys;
        var subjectHolds = holds.Where(h => h.Subject is { } s && s.Value == request.SubjectId.Value).ToList();
        var keepsRows = subjectHolds.Count > 0 || holds.Any(h => h.EntityType is not null)
                        || (model?.Entities.Any(static e => e.IsReachableBySubject && e.Retention is { IsMinimum: true }) ?? false);
        html.Raw("<h2>Erasure preview</h2><table><caption>What the erasure will do, per entity</caption><thead><tr><th scope=\"col\">Entity</th>" +
            "<th scope=\"col\">Personal fields</th><th scope=\"col\">Outcome</th><th scope=\"col\">Why</th></tr></thead><tbody>");
        foreach (var entity in model?.Entities.Where(static e => e.IsReachableBySubject) ?? [])
        {
            var entityHold = holds.FirstOrDefault(h => string.Equals(h.EntityType, entity.Name, StringComparison.Ordinal));
            string outcome;
            string why;
            if (subjectHolds.Count > 0 || entityHold is not null)
            {
                outcome = "Kept";
                why = "Legal hold: " + (subjectHolds.FirstOrDefault() ?? entityHold)!.Reason;
            }
            else if (entity.Retention is { IsMinimum: true } minimum)
            {
                outcome = $"Kept while younger than {minimum.Days} days, then {Verb(entity.Erasure, subjectKeys)}";
                why = "Retention minimum: " + minimum.LegalRequirement;
            }
            else
            {
                outcome = Verb(entity.Erasure, subjectKeys);
                why = entity.Erasure == ErasureAction.Shred && !subjectKeys
                    ? "Shred configured, but subject keys are off: anonymised instead"
                    : "Configured erasure action";
                if (entity.Erasure == ErasureAction.Delete && keepsRows)
                {
                    outcome += ", or anonymised where kept rows refer to it";
                }
            }

            html.Raw("<tr>").Element("td", entity.Name).Element("td", string.Join(", ", entity.Fields.Select(static f => f.Name)))
                .Element("td", outcome).Element("td", why).Raw("</tr>");
        }

        html.Raw("</tbody></table><p class=\"muted\">The signed erasure report counts the rows the database actually changed.</p>")
            .Form(page, path + "/erasure", "stack", "Execute the erasure")
            .Raw("<div class=\"checkbox\"><input type=\"checkbox\" id=\"erasure-confirm\" name=\"confirm\" value=\"yes\" required>" +
                "<label for=\"erasure-confirm\">I have checked the preview; erase the subject's data now</label></div>")
            .Button("Execute erasure", "button-danger").Raw("</form>");
    }

    private static string Verb(ErasureAction action, bool subjectKeys) => action switch
    {
        ErasureAction.Delete => "Deleted",
        ErasureAction.Anonymize => "Anonymised",
        ErasureAction.Shred when subjectKeys => "Shredded (subject key destroyed)",
        _ => "Anonymised",
    };

    private static void RenderReport(Html html, PageContext page, SubjectRequest request, ErasureReportArchive.Entry archived)
    {
        var report = archived.Report;
        html.Raw("<section class=\"card\"><h2>Erasure report</h2><p>").Number(report.Deleted).Text(" deleted, ").Number(report.Anonymized).Text(" anonymised, ")
            .Number(report.Shredded)
            .Text(" shredded, ")
            .Number(report.Kept)
            .Text(" kept")
            .Text(archived.Signature is null ? " (unsigned: no SubjectRightsOptions.SigningCertificate is set)." : "; signed.")
            .Raw("</p>")
            .Raw("<table><caption>Per entity</caption><thead><tr><th scope=\"col\">Entity</th><th scope=\"col\">Action</th><th scope=\"col\">Deleted</th>" +
                "<th scope=\"col\">Anonymised</th><th scope=\"col\">Shredded</th><th scope=\"col\">Kept</th><th scope=\"col\">Reasons</th></tr></thead>" +
                "<tbody>");
        foreach (var e in report.Entities)
        {
            html.Raw("<tr>").Element("td", e.Entity).Element("td", e.Action.ToString()).Raw("<td>").Number(e.Deleted).Raw("</td><td>").Number(e.Anonymized)
                .Raw("</td><td>").Number(e.Shredded).Raw("</td><td>").Number(e.Kept).Raw("</td>").Element("td", string.Join("; ", e.Reasons)).Raw("</tr>");
        }

        html.Raw("</tbody></table>").Form(page, page.Url("/requests/" + request.Id.ToString("D") + "/erasure-report"), "inline", "Download the erasure report")
            .Button("Download the signed report").Raw("</form><p class=\"muted\">")
            .Text(archived.Durable ? "Kept with the request in the DataGuard store." : "Kept in this server's memory only (the DataGuard store has no " +
                "erasure-report table): download it now and file it with the request.")
            .Raw("</p></section>");
    }

    private static async Task<IResult> EraseAsync(HttpContext http, ConsoleArea area, Guid id)
    {
        if (await ConsoleArea.ReadValidFormAsync(http).ConfigureAwait(false) is not { } form)
        {
            return ConsoleArea.BadForm();
        }
        var services = http.RequestServices;
        var requests = services.GetRequiredService<ISubjectRequestService>();
        var request = await requests.FindAsync(id, http.RequestAborted).ConfigureAwait(false);
        if (request is not { Status: SubjectRequestStatus.InProgress, Kind: SubjectRequestKind.Erasure })
        {
            return await DetailAsync(http, area, id, request is null ? null : "Only an approved erasure request can be executed.", true).ConfigureAwait(false);
        }

        if (!string.Equals(form["confirm"], "yes", StringComparison.Ordinal))
        {
            return await DetailAsync(http, area, id, "Confirm that you checked the preview before executing the erasure.", true).ConfigureAwait(false);
        }

        using var audit = ConsoleArea.BeginAudit(http, Purpose);
        ErasureReport report;
        try
        {
            report = await services.GetRequiredService<ISubjectRightsService>().EraseAsync(request.SubjectId, http.RequestAborted).ConfigureAwait(false);
        }
        catch (DataGuardException ex)
        {
            Log(http, "erasure", id, ex);
            return await DetailAsync(
                http,
                area,
                id,
                "The erasure failed (" + ex.GetType().Name + ") and changed nothing; the request stays in progress.",
                true).ConfigureAwait(false);
        }

        var certificate = services.GetRequiredService<IOptions<DataGuardOptions>>().Value.SubjectRights.SigningCertificate;
        await area.ErasureReports.AddAsync(
            services, request.Id, report, certificate is null ? null : report.Sign(certificate), http.RequestAborted).ConfigureAwait(false);
        await requests.CompleteAsync(request, ConsoleArea.Actor(http), http.RequestAborted).ConfigureAwait(false);
        await ConsoleArea.RecordAsync(http, "console.request.erased", Purpose, request.SubjectId,
            $"request {request.Id:D}: {report.Deleted} deleted, {report.Anonymized} anonymised, {report.Shredded} shredded, " +
            $"{report.Kept} kept").ConfigureAwait(false);
        return area.SeeOther(http, "/requests/" + id.ToString("D") + "?done=erasure");
    }

    /// <summary>The report as a ZIP: <c>erasure-report.json</c> and, when signed, its detached CMS signature
    /// <c>erasure-report.p7s</c> (verify with <see cref="ErasureReport.Verify"/>).</summary>
    private static async Task<IResult> ReportAsync(HttpContext http, ConsoleArea area, Guid id)
    {
        if (!await ConsoleArea.IsValidFormAsync(http).ConfigureAwait(false))
        {
            return ConsoleArea.BadForm();
        }

        if (await area.ErasureReports.FindAsync(http.RequestServices, id, http.RequestAborted).ConfigureAwait(false) is not { } archived)
        {
            return await DetailAsync(http, area, id, "No erasure report of this request is stored.", true).ConfigureAwait(false);
        }

        using var audit = ConsoleArea.BeginAudit(http, Purpose);
        await ConsoleArea.RecordAsync(
            http, "console.request.report-downloaded", Purpose, archived.Report.SubjectId, $"request {id:D}: erasure report downloaded").ConfigureAwait(false);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteEntry(archive, "erasure-report.json", archived.Json);
            if (archived.Signature is { } signature)
            {
                WriteEntry(archive, "erasure-report.p7s", signature);
            }
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.File(zip.ToArray(), "application/zip", $"erasure-report-{ShortId(id)}.zip");
    }

    private static void WriteEntry(ZipArchive archive, string name, byte[] content)
    {
        using var stream = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
        stream.Write(content);
    }
}
