using DataGuard.Analyzers.CodeFixes;
using DataGuard.Model;

using Verify = DataGuard.Analyzers.Tests.AnalyzerVerifier<DataGuard.Analyzers.EncryptedQueryAnalyzer, DataGuard.Analyzers.CodeFixes.WhereEncryptedCodeFix>;

namespace DataGuard.Analyzers.Tests;

public sealed class WhereEncryptedCodeFixTests
{
    private const string Model = """
        public class Customer
        {
            [DataSubject] public Guid Id { get; set; }
            [Personal(Searchable = true)] public string Email { get; set; } = "";
            [Personal] public string Name { get; set; } = "";
        }

        public class Db(DbContextOptions options) : DbContext(options)
        {
            public DbSet<Customer> Customers => Set<Customer>();
        }

        """;

    [Fact]
    public Task Equality_on_a_searchable_property_becomes_WhereEncrypted() => Verify.VerifyFixAsync(
        Model + """
        class C
        {
            Task<Customer?> M(Db db, string email) => db.Customers.Where(c => {|DG2001:c.Email|} == email).FirstOrDefaultAsync();
        }
        """,
        Model + """
        class C
        {
            Task<Customer?> M(Db db, string email) => db.Customers.WhereEncrypted(c => c.Email, email).FirstOrDefaultAsync();
        }
        """);

    [Fact]
    public Task Equality_on_a_property_that_is_not_searchable_is_left_alone() => Verify.VerifyFixAsync(
        Model + """
        class C
        {
            IQueryable<Customer> M(Db db, string name) => db.Customers.Where(c => {|DG2001:c.Name|} == name);
        }
        """,
        Model + """
        class C
        {
            IQueryable<Customer> M(Db db, string name) => db.Customers.Where(c => {|DG2001:c.Name|} == name);
        }
        """);
}
