using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DataGuard.EFCore.Tests.Subjects;

/// <summary>For random data sets on a SQLite file: exporting a subject and parsing the package gives back exactly the
/// rows stored for that subject, in JSON and in CSV.</summary>
public sealed class ExportRoundTripProperties : IDisposable
{
    private static readonly Gen<string> Text = Gen.Elements("a", "Z", "é", "例", ",", "\"", "\r\n", "\n", " ", "😀", "0", ";")
        .ArrayOf().Select(static parts => string.Concat(parts));

    private static readonly Gen<PurchaseSpec> Purchases =
        from address in Text
        from gift in Gen.OneOf(Gen.Constant<string?>(null), Text.Select(static t => (string?)t))
        from cents in Gen.Choose(0, 1_000_000)
        from lines in Gen.OneOf(Gen.Constant<string?>(null), Text.Select(static t => (string?)t)).ArrayOf().Select(static l => l.Take(3).ToArray())
        select new PurchaseSpec(address, gift, cents / 100m, lines);

    private static readonly Gen<(PurchaseSpec[] Mine, PurchaseSpec[] Others)> DataSets =
        from mine in Purchases.ArrayOf().Select(static p => p.Take(4).ToArray())
        from others in Purchases.ArrayOf().Select(static p => p.Take(3).ToArray())
        select (mine, others);

    private readonly TempDirectory _folder = new();
    private readonly Lazy<(SubjectsHost Host, int CategoryId)> _database;

    public ExportRoundTripProperties() => _database = new(() =>
    {
        // FsCheck may call the property method more than once; the database and its keys are made once.
        var host = SubjectsHost.SqliteAsync(_folder).GetAwaiter().GetResult();
        var category = new Category { Name = "c" };
        host.AddAsync(category).GetAwaiter().GetResult();
        return (host, category.Id);
    });

    public void Dispose()
    {
        if (_database.IsValueCreated)
        {
            _database.Value.Host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        _folder.Dispose();
    }

    [Property(MaxTest = 25)]
    public Property Export_then_parse_returns_exactly_the_rows_stored_for_the_subject()
    {
        var (host, categoryId) = _database.Value;
        return Prop.ForAll(Arb.From(DataSets), set =>
        {
            var subject = Seed(host, categoryId, set.Mine);
            Seed(host, categoryId, set.Others);

            var package = host.ExportAsync(subject).GetAwaiter().GetResult();

            var expected = set.Mine.Select(static p => $"{p.Address}|{p.Gift}|{D(p.Total)}").Order(StringComparer.Ordinal);
            var json = package.ReadRows("Purchase").Select(static r =>
                $"{r.GetProperty("ShippingAddress").GetString()}|{r.GetProperty("GiftMessage").GetString()}|{D(r.GetProperty("Total").GetDecimal())}")
                .Order(StringComparer.Ordinal);
            var csv = package.ReadCsv("Purchase");
            var columns = csv[0].ToList();
            var csvRows = csv.Skip(1).Select(r => $"{r[columns.IndexOf("ShippingAddress")]}|{r[columns.IndexOf("GiftMessage")]}|" +
                $"{D(decimal.Parse(r[columns.IndexOf("Total")], System.Globalization.CultureInfo.InvariantCulture))}")
                .Order(StringComparer.Ordinal);
            var expectedLines = set.Mine.SelectMany(static p => p.Lines).Select(static l => l ?? "<null>").Order(StringComparer.Ordinal);
            var lines = package.ReadRows("PurchaseLine").Select(static r => r.GetProperty("Engraving").GetString() ?? "<null>").Order(StringComparer.Ordinal);
            var shoppers = package.ReadRows("Shopper").Select(static r => r.GetProperty("Id").GetString());
            return expected.SequenceEqual(json) && expected.SequenceEqual(csvRows) && expectedLines.SequenceEqual(lines)
                && shoppers.SequenceEqual([subject.ToString("D")]);
        });
    }

    /// <summary>SQLite keeps decimals as text without trailing zeros, so compare values, not scales.</summary>
    private static string D(decimal value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private static Guid Seed(SubjectsHost host, int categoryId, PurchaseSpec[] purchases)
    {
        var shopper = new Shopper { Id = Guid.NewGuid(), Email = "x@example.com", Nickname = "n", JoinedAt = SubjectsHost.Now.UtcDateTime };
        shopper.Purchases.AddRange(purchases.Select(p => new Purchase
        {
            ShippingAddress = p.Address, GiftMessage = p.Gift, Total = p.Total, PlacedAt = SubjectsHost.Now.UtcDateTime,
            Lines = [.. p.Lines.Select(l => new PurchaseLine { CategoryId = categoryId, Engraving = l, Quantity = 1 })],
        }));
        host.AddAsync(shopper).GetAwaiter().GetResult();
        return shopper.Id;
    }

    internal sealed record PurchaseSpec(string Address, string? Gift, decimal Total, string?[] Lines);
}
