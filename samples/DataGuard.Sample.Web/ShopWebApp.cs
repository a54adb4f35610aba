using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Encodings.Web;
using DataGuard.AspNetCore.Subjects;
using DataGuard.Consent;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.Sample.Web;

/// <summary>
/// The web sample: a shop whose customers use the privacy center at /privacy and whose privacy officer uses the console
/// at /privacy-console. Sign in at /login with one of <see cref="SampleUsers"/>.
/// </summary>
public static class ShopWebApp
{
    public static WebApplication Build(ShopWebAppSettings settings, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateBuilder(args ?? []);
        if (settings.Urls is not null)
        {
            builder.WebHost.UseUrls(settings.Urls);
        }

        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        if (settings.Quiet)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settings.DatabasePath))!);

        // Signs export packages and erasure reports. A real deployment loads its certificate from a store or a vault.
        var signingCertificate = CreateSigningCertificate();
        builder.Services.AddSingleton(signingCertificate);
        builder.Services.AddDataGuard(o =>
            {
                o.Purposes.Add("marketing", notice: "2026-11", description: "Newsletters and offers by e-mail").DefaultExpiry = TimeSpan.FromDays(395);
                o.Purposes.Add("order-fulfilment", lawfulBasis: LawfulBasis.Contract, description: "Shipping and invoicing your orders");
                o.Purposes.Add("tax-records", lawfulBasis: LawfulBasis.LegalObligation, description: "Keeping invoices for the tax authority");
                o.SubjectRights.SigningCertificate = signingCertificate;
                o.Requests.ResponseTime = TimeSpan.FromDays(7); // the shop's privacy policy promises an answer within a week
            })
            .UseEntityFrameworkStores<ShopDb>()
            .AddAuditing();
        builder.Services.AddDbContext<ShopDb>((sp, o) => o.UseSqlite($"Data Source={settings.DatabasePath}").UseDataGuard(sp));
        builder.Services.AddScoped<ISubjectRectifier, CustomerRectifier>();

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.AccessDeniedPath = "/denied";
                o.Cookie.Name = "shop.auth";
            });
        builder.Services.AddAuthorization(o =>
        {
            o.AddPolicy("privacy-viewer", p => p.RequireRole("officer", "auditor"));
            o.AddPolicy("privacy-operator", p => p.RequireRole("officer"));
            o.AddPolicy("privacy-reveal", p => p.RequireRole("officer"));
        });
        builder.Services.AddAntiforgery();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseDataGuard();

        app.MapGet("/", (HttpContext http) => SamplePages.Home(http));
        app.MapGet("/login", (HttpContext http, IAntiforgery antiforgery) => SamplePages.Login(http, antiforgery, null));
        app.MapPost("/login", async Task<IResult> (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            var form = await http.Request.ReadFormAsync();
            if (SampleUsers.Find(form["user"], form["password"]) is not { } user)
            {
                return SamplePages.Login(http, antiforgery, "Unknown user name or wrong password.");
            }

            var claims = new List<Claim> { new(ClaimTypes.Name, user.DisplayName), new(ClaimTypes.Role, user.Role) };
            // The subject id the privacy center reads (SubjectClaimOptions: NameIdentifier); staff get their account name.
            claims.Add(new Claim(ClaimTypes.NameIdentifier, user.CustomerId?.ToString("D") ?? user.UserName));
            await http.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)));
            return Results.Redirect(user.CustomerId is null ? "/privacy-console" : "/privacy");
        });
        app.MapPost("/logout", async Task<IResult> (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            await http.SignOutAsync();
            return Results.Redirect("/");
        });
        app.MapGet("/denied", (HttpContext http) => SamplePages.Denied(http));

        app.MapPrivacyCenter("/privacy");
        app.MapPrivacyConsole("/privacy-console", o => o.RevealPolicy = "privacy-reveal");
        return app;
    }

    /// <summary>Creates the database afresh and seeds the shop: two customers with orders and consents, and a few
    /// requests for the officer's inbox (one of them already overdue).</summary>
    public static async Task SeedAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<ShopDb>();
        await db.Database.EnsureDeletedAsync();
        await db.Database.EnsureCreatedAsync();
        var now = DateTime.UtcNow;
        var ana = new Customer
        {
            Id = SampleUsers.AnaId,
            Email = "ana@example.com",
            Name = "Ana Silva",
            CardNumber = "4111 1111 1111 1111",
            CreatedAt = now.AddDays(-40),
        };
        var jonas = new Customer { Id = SampleUsers.JonasId, Email = "jonas@example.org", Name = "Jonas Weber", CreatedAt = now.AddDays(-800) };
        ana.Orders.Add(new Order { ShippingAddress = "Rua das Flores 12, Lisboa", Total = 42.50m, PlacedAt = now.AddDays(-30) });
        ana.Orders.Add(new Order { ShippingAddress = "Rua das Flores 12, Lisboa", Total = 13.99m, PlacedAt = now.AddDays(-3) });
        jonas.Orders.Add(new Order { ShippingAddress = "Hauptstraße 5, Berlin", Total = 99.00m, PlacedAt = now.AddDays(-790) });
        db.Customers.AddRange(ana, jonas);
        await db.SaveChangesAsync();

        var consents = services.GetRequiredService<IConsentService>();
        await consents.GrantAsync(
            SampleUsers.AnaId, "marketing", new ConsentDetails { Source = ConsentSources.WebForm, NoticeVersion = "2026-11", Actor = "seed" });
        await consents.GrantAsync(
            SampleUsers.JonasId, "marketing", new ConsentDetails { Source = ConsentSources.WebForm, NoticeVersion = "2026-11", Actor = "seed" });

        var requests = services.GetRequiredService<ISubjectRequestService>();
        await requests.ReceiveAsync(SampleUsers.JonasId, SubjectRequestKind.Access, "support");
        // One request arrived by letter ten days ago and nobody answered it: the inbox shows it overdue.
        var received = DateTimeOffset.UtcNow.AddDays(-10);
        await services.GetRequiredService<ISubjectRequestStore>().AddAsync(new SubjectRequest
        {
            Id = Guid.NewGuid(),
            SubjectId = SampleUsers.AnaId,
            Kind = SubjectRequestKind.Restriction,
            Status = SubjectRequestStatus.Received,
            ReceivedAt = received,
            DueAt = received.AddDays(7),
            History = [new SubjectRequestChange { Action = SubjectRequestAction.Received, At = received, Actor = "support" }],
        });
    }

    private static X509Certificate2 CreateSigningCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=DataGuard web sample", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    internal static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
