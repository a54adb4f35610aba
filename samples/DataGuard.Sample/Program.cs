// The DataGuard tour: each section shows one capability on a SQLite file in the temp folder.
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DataGuard;
using DataGuard.Consent;
using DataGuard.Model;
using DataGuard.Model.DataMaps;
using DataGuard.Purposes;
using DataGuard.Sample;
using DataGuard.Sample.Tenants;
using DataGuard.Sample.Tour;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

var folder = Path.Combine(Path.GetTempPath(), "dataguard-sample");
Directory.CreateDirectory(folder);
var database = Path.Combine(folder, "shop.db");
File.Delete(database);

// Signs export packages and erasure reports. A real deployment loads its certificate from a store or a vault.
using var signingKey = RSA.Create(2048);
using var signingCertificate = new CertificateRequest("CN=DataGuard sample", signingKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
    .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
// DataGuard's keys are wrapped by the Data Protection key ring: persist it where it is backed up with the database, and
// protect it at rest (docs/backup-and-recovery.md). The sample makes itself a certificate on first run and keeps it next
// to the ring; a real deployment loads one from a certificate store or a vault (or uses DPAPI / Azure Key Vault).
using var keyRingCertificate = KeyRingCertificate.LoadOrCreate(Path.Combine(folder, "key-ring-protection.pfx"));
builder.Services.AddDataProtection()
    .SetApplicationName("DataGuard.Sample")
    .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(folder, "keys")))
    .ProtectKeysWithCertificate(keyRingCertificate)
    .UnprotectKeysWithAnyCertificate(keyRingCertificate);
builder.Services.AddDataGuard(o =>
    {
        // Each purpose says which categories of personal data it uses: purpose scopes and IPurposeGuard enforce it, and
        // the data map (the record of processing) shows it.
        o.Purposes.Add("marketing", notice: "2026-11", description: "Newsletters and offers")
            .Uses(PersonalCategory.Identity, PersonalCategory.Contact).DefaultExpiry = TimeSpan.FromDays(395);
        o.Purposes.Add("order-fulfilment", lawfulBasis: LawfulBasis.Contract, description: "Shipping and invoicing orders")
            .Uses(PersonalCategory.Identity, PersonalCategory.Contact, PersonalCategory.Financial);
        o.Purposes.Add("tax-records", lawfulBasis: LawfulBasis.LegalObligation, description: "Keeping invoices for the tax authority")
            .Uses(PersonalCategory.Identity, PersonalCategory.Financial);
        RecordOfProcessing.Describe(o.RecordOfProcessing);
        o.SubjectRights.SigningCertificate = signingCertificate;
        o.SubjectRights.VacuumSqliteAfterErasure = true;
    })
    .UseEntityFrameworkStores<ShopDb>()
    .AddAuditing()
    .AddMasking();
builder.Services.AddDbContext<ShopDb>((sp, o) => o.UseSqlite($"Data Source={database}").UseDataGuard(sp));

using var host = builder.Build();
await host.StartAsync(); // validates DataGuard's options and personal-data model: misconfiguration stops here

await using (var scope = host.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
    await db.Database.EnsureCreatedAsync();
    db.Countries.AddRange(new Country { Code = "PT", Name = "Portugal" }, new Country { Code = "DE", Name = "Germany" });
    var ana = new Customer
    {
        Id = Guid.NewGuid(),
        Email = "ana@example.com",
        Name = "Ana Silva",
        CardNumber = "4111 1111 1111 1111",
        CreatedAt = DateTime.UtcNow.AddDays(-40),
    };
    var jonas = new Customer { Id = Guid.NewGuid(), Email = "jonas@example.org", Name = "Jonas Weber", CreatedAt = DateTime.UtcNow.AddDays(-800) };
    ana.Orders.Add(new Order { ShippingAddress = "Rua das Flores 12, Lisboa", Total = 42.50m, PlacedAt = DateTime.UtcNow.AddDays(-30), CountryCode = "PT" });
    ana.Orders.Add(new Order { ShippingAddress = "Rua das Flores 12, Lisboa", Total = 13.99m, PlacedAt = DateTime.UtcNow.AddDays(-3), CountryCode = "PT" });
    jonas.Orders.Add(new Order { ShippingAddress = "Hauptstraße 5, Berlin", Total = 99.00m, PlacedAt = DateTime.UtcNow.AddDays(-790), CountryCode = "DE" });
    db.Customers.AddRange(ana, jonas);
    await db.SaveChangesAsync();
    Console.WriteLine($"Seeded {await db.Customers.CountAsync()} customers and {await db.Orders.CountAsync()} orders into {database}");
    Console.WriteLine();
}

await EncryptionTour.RunAsync(host.Services, database);
await MaskingTour.RunAsync();
await ConsentTour.RunAsync(host.Services);
await AuditTour.RunAsync(host.Services);
await SubjectRightsTour.RunAsync(host.Services, folder, signingCertificate);
await RetentionTour.RunAsync(host.Services, database);
await TenantTour.RunAsync(folder, signingCertificate);

// Last, the record of processing (GDPR Art. 30) that all of the above keeps true.
var dataMap = DataMap.Create(host.Services.GetRequiredService<PersonalDataModel>(), host.Services.GetRequiredService<IOptions<DataGuardOptions>>().Value);
Console.WriteLine(dataMap.ToMarkdown());
var findings = dataMap.Review();
Console.WriteLine(findings.Count == 0
    ? "Review of the record of processing: complete, nothing to look at."
    : "Review of the record of processing:" + Environment.NewLine + string.Join(Environment.NewLine, findings.Select(f => "- " + f)));

await host.StopAsync();
