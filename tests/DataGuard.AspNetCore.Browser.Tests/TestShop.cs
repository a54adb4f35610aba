using System.Security.Cryptography.X509Certificates;
using DataGuard.Sample.Web;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Browser.Tests;

/// <summary>Arranges and checks data behind the pages through the running app's own services.</summary>
internal static class TestShop
{
    /// <summary>Adds a customer who exists only for one test, so tests do not depend on each other's changes.</summary>
    public static async Task<Guid> AddCustomerAsync(ShopBrowserFixture fixture, string name, int ageDays = 20)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
        var customer = new Customer { Id = Guid.NewGuid(), Email = name.ToLowerInvariant() + "@example.net", Name = name,
            CreatedAt = DateTime.UtcNow.AddDays(-ageDays) };
        customer.Orders.Add(new Order { ShippingAddress = "Somewhere 1", Total = 10m, PlacedAt = DateTime.UtcNow.AddDays(-ageDays) });
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    }

    public static async Task<SubjectRequest> ReceiveAsync(ShopBrowserFixture fixture, Guid subject, SubjectRequestKind kind)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISubjectRequestService>().ReceiveAsync(subject, kind, "test");
    }

    public static async Task<SubjectRequest?> FindAsync(ShopBrowserFixture fixture, Guid requestId)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISubjectRequestService>().FindAsync(requestId);
    }

    public static X509Certificate2 SigningCertificate(ShopBrowserFixture fixture) => fixture.App.Services.GetRequiredService<X509Certificate2>();

    /// <summary>Verifies a downloaded export package: structure, hashes, the sample's signature and the subject.</summary>
    public static async Task<ExportVerificationResult> VerifyExportAsync(ShopBrowserFixture fixture, string path, Guid subject)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        await using var package = File.OpenRead(path);
        var trust = new ExportTrust { RequireSignature = true, Certificates = [SigningCertificate(fixture)], ExpectedSubject = subject };
        return await scope.ServiceProvider.GetRequiredService<ISubjectRightsService>().VerifyAsync(package, trust);
    }
}
