using System.Security.Cryptography.X509Certificates;
using DataGuard.Model;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Sample.Tour;

/// <summary>A data subject's rights: Ana asks for a copy of her data (exported to a signed ZIP and verified), then for
/// erasure; a second export comes back empty except for what the law makes the shop keep, and the erasure report says
/// what happened to each kind of data and why.</summary>
public static class SubjectRightsTour
{
    public static async Task RunAsync(IServiceProvider services, string folder, X509Certificate2 signingCertificate)
    {
        Console.WriteLine("== Data subject rights: export, verify, erase");
        Console.WriteLine();
        Guid anaId;
        await using (var scope = services.CreateAsyncScope())
        {
            anaId = await scope.ServiceProvider.GetRequiredService<ShopDb>().Customers
                .WhereEncrypted(c => c.Email, "ana.silva@example.com").Select(c => c.Id).SingleAsync();
        }

        var rights = services.GetRequiredService<ISubjectRightsService>();
        var before = await ExportAsync(rights, anaId, Path.Combine(folder, "ana-export.zip"));

        // Anyone holding the certificate can check the package offline: a changed, added or removed file fails.
        await using (var package = File.OpenRead(before))
        {
            var verification = await rights.VerifyAsync(package, ExportTrust.SignedBy(signingCertificate));
            Console.WriteLine(verification.IsValid
                ? $"Verified: every file matches the manifest, signed by {verification.SignerThumbprint?[..12]}…"
                : $"NOT valid: {string.Join("; ", verification.Problems)}");
        }

        var report = await rights.EraseAsync(anaId);
        Console.WriteLine();
        Print(report);

        // The report can be signed like an export: the certificate of erasure handed to the data subject.
        var reportPath = Path.Combine(folder, "ana-erasure.json");
        await File.WriteAllBytesAsync(reportPath, report.ToJson());
        await File.WriteAllBytesAsync(reportPath + ".p7s", report.Sign(signingCertificate));
        Console.WriteLine($"  signed report: {reportPath} (+ .p7s)");
        Console.WriteLine();

        // Exported again: the customer row is left with no personal field, and only the orders the tax law keeps remain.
        Console.WriteLine("Exported again after erasure (what DataGuard still holds for Ana, and nothing else):");
        await ExportAsync(rights, anaId, Path.Combine(folder, "ana-export-after-erasure.zip"));
        Console.WriteLine();

        // Mia signed up yesterday and never ordered: nothing obliges the shop to keep anything, so nothing is left.
        var mia = new Customer { Id = Guid.NewGuid(), Email = "mia@example.net", Name = "Mia Berg", CreatedAt = DateTime.UtcNow.AddDays(-1) };
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
            db.Customers.Add(mia);
            await db.SaveChangesAsync();
        }

        await ExportAsync(rights, mia.Id, Path.Combine(folder, "mia-export.zip"));
        Print(await rights.EraseAsync(mia.Id));
        Console.WriteLine("Exported again after erasure:");
        await ExportAsync(rights, mia.Id, Path.Combine(folder, "mia-export-after-erasure.zip"));
        Console.WriteLine();
    }

    private static void Print(ErasureReport report)
    {
        Console.WriteLine($"Erasure report for {report.SubjectId} at {report.CompletedAt:u}:");
        foreach (var entity in report.Entities)
        {
            Console.WriteLine($"  {entity.Entity,-10} {entity.Action,-10} deleted {entity.Deleted}, anonymised {entity.Anonymized}, " +
                $"shredded {entity.Shredded}, kept {entity.Kept}");
            foreach (var reason in entity.Reasons)
            {
                Console.WriteLine($"             why: {reason}");
            }
        }
    }

    private static async Task<string> ExportAsync(ISubjectRightsService rights, Guid subject, string path)
    {
        await using (var file = File.Create(path))
        {
            await rights.ExportAsync(subject, file);
        }

        await using var read = File.OpenRead(path);
        var package = await SubjectExportPackage.ReadAsync(read);
        Console.WriteLine($"Exported {path} ({new FileInfo(path).Length:N0} bytes): "
            + string.Join(", ", package.Manifest.Entities.Select(e => $"{e.Name} {e.Rows}")));
        foreach (var entity in package.Manifest.Entities.Where(e => e.Rows > 0))
        {
            Console.WriteLine($"  {entity.Name}: {package.ReadRows(entity.Name)[0]}");
        }

        return path;
    }
}
