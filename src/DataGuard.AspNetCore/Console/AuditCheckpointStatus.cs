using System.Security.Cryptography.X509Certificates;
using DataGuard.Audit;
using DataGuard.AspNetCore.Pages;

namespace DataGuard.AspNetCore.Console;

/// <summary>The audit page's line about the latest signed checkpoint: where it is, when it was made, whether its
/// signature verifies with the configured certificate, and how many entries were written after it.</summary>
internal static class AuditCheckpointStatus
{
    public static void Render(Html html, AuditChainState state, X509Certificate2? certificate)
    {
        if (state.CheckpointSequence is not { } sequence || state.CheckpointSignedData is not { } signed)
        {
            html.Raw("<p>No signed checkpoint has been made yet (<code>IAuditStore.CreateCheckpointAsync</code>).</p>");
            return;
        }

        var after = Math.Max(0, state.HeadSequence - sequence);
        var since = after == 1 ? "1 entry" : $"{after} entries";
        if (certificate is null)
        {
            html.Raw("<p>").Text($"Last checkpoint at sequence {sequence}, made ").Time(state.CheckpointCreatedAt)
                .Text($"; {since} written since. Its signature is not checked: no AuditOptions.CheckpointCertificate is set.").Raw("</p>");
            return;
        }

        string? problem;
        try
        {
            problem = AuditCheckpoint.Verify(signed, certificate).Sequence == sequence ? null : "its content names another sequence";
        }
        catch (DataGuardAuditException ex)
        {
            problem = ex.Message; // names sizes, versions and the certificate's thumbprint, never an entry's content
        }

        if (problem is null)
        {
            html.Raw("<p class=\"alert alert-ok\" role=\"status\">")
                .Text($"Last signed checkpoint at sequence {sequence}, made ")
                .Time(state.CheckpointCreatedAt)
                .Text($"; its signature verifies with certificate {certificate.Thumbprint}. {since} written since.").Raw("</p>");
        }
        else
        {
            html.Raw("<p class=\"alert alert-error\" role=\"alert\">")
                .Text($"The last checkpoint, at sequence {sequence}, does not verify: {problem}")
                .Raw("</p>");
        }
    }
}
