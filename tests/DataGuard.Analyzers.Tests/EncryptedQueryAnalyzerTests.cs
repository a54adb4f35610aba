using DataGuard.Analyzers.CodeFixes;
using DataGuard.Model;

using Verify = DataGuard.Analyzers.Tests.AnalyzerVerifier<DataGuard.Analyzers.EncryptedQueryAnalyzer, DataGuard.Analyzers.CodeFixes.WhereEncryptedCodeFix>;

namespace DataGuard.Analyzers.Tests;

public sealed class EncryptedQueryAnalyzerTests
{
    private const string Model = """
        public class Customer
        {
            [DataSubject] public Guid Id { get; set; }
            [Personal(Searchable = true)] public string Email { get; set; } = "";
            [Personal] public string Name { get; set; } = "";
            [Personal(Encrypt = false)] public string City { get; set; } = "";
            public string Plan { get; set; } = "";
            public List<Order> Orders { get; } = [];
        }

        public class Order
        {
            public int Id { get; set; }
            [Personal] public string ShippingAddress { get; set; } = "";
        }

        public class Db(DbContextOptions options) : DbContext(options)
        {
            public DbSet<Customer> Customers => Set<Customer>();
        }

        """;

    [Fact]
    public Task Equality_on_an_encrypted_property_in_Where_is_reported() => Verify.VerifyAsync(Model + """
        class C
        {
            IQueryable<Customer> M(Db db, string name) => db.Customers.Where(c => {|DG2001:c.Name|} == name);
        }
        """);

    [Fact]
    public Task Ordering_text_matching_and_Contains_on_encrypted_properties_are_reported() => Verify.VerifyAsync(Model + """
        class C
        {
            void M(Db db, string[] names)
            {
                _ = db.Customers.OrderBy(c => {|DG2001:c.Name|});
                _ = db.Customers.Where(c => {|DG2001:c.Email|}.StartsWith("ana"));
                _ = db.Customers.Where(c => names.Contains({|DG2001:c.Name|}));
                _ = db.Customers.Where(c => c.Orders.Any(o => {|DG2001:o.ShippingAddress|} != "x"));
                _ = from c in db.Customers where {|DG2001:c.Name|} == "x" select c.Id;
                _ = db.Customers.GroupBy(c => {|DG2001:c.Name|});
            }
        }
        """);

    [Fact]
    public Task Projection_of_an_encrypted_property_is_reported_as_information() => Verify.VerifyAsync(Model + """
        class C
        {
            IQueryable<string> M(Db db) => db.Customers.Select(c => {|DG2002:c.Name|});
        }
        """);

    [Fact]
    public Task Unencrypted_and_non_personal_properties_null_checks_WhereEncrypted_and_in_memory_queries_are_not_reported() => Verify.VerifyAsync(Model + """
        class C
        {
            void M(Db db, List<Customer> loaded, string email)
            {
                _ = db.Customers.Where(c => c.City == "Lisbon" && c.Plan == "gold").OrderBy(c => c.Plan);
                _ = db.Customers.Where(c => c.Name != null);
                _ = db.Customers.WhereEncrypted(c => c.Email, email);
                _ = loaded.Where(c => c.Name == "Ana").OrderBy(c => c.Email);
                _ = db.Customers.Where(c => nameof(c.Name) == "Name");
            }
        }
        """);

    [Fact]
    public Task Property_encrypted_with_the_fluent_api_is_reported() => Verify.VerifyAsync("""
        public class Lead
        {
            public Guid Id { get; set; }
            public string Phone { get; set; } = "";
            public string Notes { get; set; } = "";
        }

        class Db(DbContextOptions options) : DbContext(options)
        {
            public DbSet<Lead> Leads => Set<Lead>();

            protected override void OnModelCreating(ModelBuilder b)
            {
                b.Entity<Lead>().Property(l => l.Phone).IsPersonal();
                b.Entity<Lead>().Property(l => l.Notes).IsPersonal(encrypt: false);
            }
        }

        class C
        {
            IQueryable<Lead> M(Db db) => db.Leads.Where(l => {|DG2001:l.Phone|} == "1" && l.Notes == "x");
        }
        """);
}
