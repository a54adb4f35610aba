using DataGuard.AspNetCore.Console;
using DataGuard.Consent;
using DataGuard.Model;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.PrivacyCenter;

/// <summary>The subject's consent decisions, erasure requests and corrections, each posted with its antiforgery token.</summary>
internal static partial class PrivacyCenterPages
{
    private static async Task<IResult> ConsentAsync(HttpContext http, string prefix)
    {
        if (!TryGetSubject(http, prefix, out var subject, out var failure))
        {
            return failure!;
        }

        if (await ConsoleArea.ReadValidFormAsync(http).ConfigureAwait(false) is not { } form)
        {
            return ConsoleArea.BadForm();
        }
        var purposeName = form["purpose"].ToString();
        var purpose = http.RequestServices.GetRequiredService<IOptions<DataGuardOptions>>().Value.Purposes.FirstOrDefault(p => p.Name == purposeName);
        if (purpose is not { RequiresConsent: true })
        {
            return await HomeAsync(http, prefix, null, "That purpose does not take consent.").ConfigureAwait(false);
        }

        var consents = http.RequestServices.GetRequiredService<IConsentService>();
        using var audit = ConsoleArea.BeginAudit(http, Purpose);
        if (form["decision"] == "grant")
        {
            // The subject agreed to the notice shown on the page; if it changed meanwhile, show the new one first.
            if (!string.Equals(form["notice"], purpose.NoticeVersion ?? "", StringComparison.Ordinal))
            {
                return await HomeAsync(
                    http, prefix, null, "The notice changed since the page was shown: read the new version and choose again.").ConfigureAwait(false);
            }

            await consents.GrantAsync(
                subject,
                purpose.Name,
                new ConsentDetails { Source = ConsentSources.WebForm, NoticeVersion = purpose.NoticeVersion, Actor = SubjectActor },
                http.RequestAborted).ConfigureAwait(false);
            return await HomeAsync(http, prefix, $"Thank you: your consent for {purpose.Name} is recorded.", null).ConfigureAwait(false);
        }

        await consents.WithdrawAsync(
            subject, purpose.Name, new ConsentDetails { Source = ConsentSources.WebForm, Actor = SubjectActor }, http.RequestAborted).ConfigureAwait(false);
        return await HomeAsync(http, prefix, $"Your consent for {purpose.Name} is withdrawn.", null).ConfigureAwait(false);
    }

    private static async Task<IResult> EraseAsync(HttpContext http, string prefix)
    {
        if (!TryGetSubject(http, prefix, out var subject, out var failure))
        {
            return failure!;
        }

        if (await ConsoleArea.ReadValidFormAsync(http).ConfigureAwait(false) is not { } form)
        {
            return ConsoleArea.BadForm();
        }
        if (!string.Equals(form["confirm"], "yes", StringComparison.Ordinal))
        {
            return await HomeAsync(http, prefix, null, "Tick the box to confirm that you want your data erased.").ConfigureAwait(false);
        }

        // The request goes to the privacy team, who review what must be kept before they execute it.
        using var audit = ConsoleArea.BeginAudit(http, Purpose);
        var (_, problem) = await OpenAsync(http, subject, SubjectRequestKind.Erasure, startWork: false).ConfigureAwait(false);
        return problem is { Error: true } p
            ? await HomeAsync(http, prefix, null, p.Text).ConfigureAwait(false)
            : await HomeAsync(
                http,
                prefix,
                problem?.Text ?? "Your erasure request is recorded. We will answer by the date shown under My requests.",
                null).ConfigureAwait(false);
    }

    private static async Task<IResult> RectifyAsync(HttpContext http, string prefix)
    {
        if (!TryGetSubject(http, prefix, out var subject, out var failure))
        {
            return failure!;
        }

        if (await ConsoleArea.ReadValidFormAsync(http).ConfigureAwait(false) is not { } form)
        {
            return ConsoleArea.BadForm();
        }
        var field = form["field"].ToString().Split('.', 2);
        var value = form["value"].ToString();
        var model = http.RequestServices.GetService<PersonalDataModel>();
        if (field.Length != 2 || value.Length is 0 or > 500 || model is null)
        {
            return await HomeAsync(http, prefix, null, "Choose what is wrong and give the correct value.").ConfigureAwait(false);
        }

        var rectification = new RectificationRequest { Entity = field[0], Property = field[1], Value = value };
        if (SubjectAmendments.FindRectifiable(model, rectification) is null)
        {
            return await HomeAsync(http, prefix, null, "That cannot be corrected here.").ConfigureAwait(false);
        }

        using var audit = ConsoleArea.BeginAudit(http, Purpose);
        var (request, problem) = await OpenAsync(http, subject, SubjectRequestKind.Rectification, startWork: true).ConfigureAwait(false);
        if (problem is not null)
        {
            return await HomeAsync(
                http, prefix, problem.Value.Error ? null : problem.Value.Text, problem.Value.Error ? problem.Value.Text : null).ConfigureAwait(false);
        }

        var requests = http.RequestServices.GetRequiredService<ISubjectRequestService>();
        try
        {
            await http.RequestServices.GetRequiredService<ISubjectRightsService>()
                .RectifyAsync(subject, rectification, http.RequestAborted).ConfigureAwait(false);
        }
        catch (DataGuardException ex)
        {
            // The rectifier's refusal is written for the subject (ISubjectRectifier's contract).
            await requests.RejectAsync(
                request!, ex.Message.Length <= 500 ? ex.Message : "The correction was refused.", CenterActor, CancellationToken.None).ConfigureAwait(false);
            return await HomeAsync(http, prefix, null, "The correction was refused: " + ex.Message).ConfigureAwait(false);
        }

        await requests.CompleteAsync(request!, CenterActor, http.RequestAborted).ConfigureAwait(false);
        return await HomeAsync(http, prefix, "Your data is corrected.", null).ConfigureAwait(false);
    }
}
