// The DataGuard web sample: a shop with a privacy center for its customers and a privacy console for its officer.
//   dotnet run --project samples/DataGuard.Sample.Web
// then open the URL it prints and sign in as officer / officer-pass, auditor / auditor-pass, ana / ana-pass or jonas / jonas-pass.
using DataGuard.Sample.Web;

var app = ShopWebApp.Build(new ShopWebAppSettings(), args);
await ShopWebApp.SeedAsync(app);
await app.RunAsync();
