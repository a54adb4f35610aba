using DataGuard.Analyzers.CodeFixes;
using DataGuard.Masking;
using DataGuard.Masking.Classification;
using DataGuard.Model;

using Verify = DataGuard.Analyzers.Tests.AnalyzerVerifier<DataGuard.Analyzers.PersonalDataLeakAnalyzer, DataGuard.Analyzers.CodeFixes.MaskValueCodeFix>;

namespace DataGuard.Analyzers.Tests;

public sealed class PersonalDataLeakAnalyzerTests
{
    private const string Customer = """
        public class Customer
        {
            [DataSubject] public Guid Id { get; set; }
            [Personal(Mask = MaskStyle.Email)] public string Email { get; set; } = "";
            public string Plan { get; set; } = "";
        }

        public class Plan
        {
            public string Email { get; set; } = "";
        }

        """;

    [Fact]
    public Task Personal_value_in_an_interpolated_log_message_is_reported() => Verify.VerifyAsync(Customer + """
        class C
        {
            void M(ILogger logger, Customer c) => logger.LogInformation($"Signed up: {{|DG1001:c.Email|}}");
        }
        """);

    [Fact]
    public Task Personal_value_as_a_log_template_argument_is_reported() => Verify.VerifyAsync(Customer + """
        class C
        {
            void M(ILogger logger, Customer c) => logger.LogWarning("Signed up: {Email}", {|DG1001:c.Email|});
        }
        """);

    [Fact]
    public Task Personal_value_interpolated_into_a_local_that_is_logged_is_reported() => Verify.VerifyAsync(Customer + """
        class C
        {
            void M(ILogger logger, Customer c)
            {
                var message = "Signed up: " + {|DG1001:c.Email|}.ToUpperInvariant();
                logger.LogInformation(message);
            }
        }
        """);

    [Fact]
    public Task Personal_value_passed_to_an_unclassified_LoggerMessage_parameter_is_reported() => Verify.VerifyAsync(Customer + """
        static partial class Log
        {
            [LoggerMessage(1, LogLevel.Information, "Signed up {Email}")]
            public static partial void SignedUp(ILogger logger, string email);
        }

        partial class Log
        {
            public static partial void SignedUp(ILogger logger, string email) { }
        }

        class C
        {
            void M(ILogger logger, Customer c) => Log.SignedUp(logger, {|DG1001:c.Email|});
        }
        """);

    [Fact]
    public Task Personal_value_passed_to_a_classified_LoggerMessage_parameter_is_not_reported() => Verify.VerifyAsync(Customer + """
        static partial class Log
        {
            [LoggerMessage(1, LogLevel.Information, "Signed up {Email}")]
            public static partial void SignedUp(ILogger logger, [ContactData] string email);
        }

        partial class Log
        {
            public static partial void SignedUp(ILogger logger, string email) { }
        }

        class C
        {
            void M(ILogger logger, Customer c) => Log.SignedUp(logger, c.Email);
        }
        """);

    [Fact]
    public Task Personal_value_in_an_exception_message_is_reported() => Verify.VerifyAsync(Customer + """
        class C
        {
            void M(Customer c) => throw new InvalidOperationException($"No account for {{|DG1002:c.Email|}}");
        }
        """);

    [Fact]
    public Task Personal_value_written_to_Console_Debug_or_Trace_is_reported() => Verify.VerifyAsync(Customer + """
        class C
        {
            void M(Customer c)
            {
                Console.WriteLine({|DG1003:c.Email|});
                System.Diagnostics.Debug.WriteLine("e-mail " + {|DG1003:c.Email|});
                System.Diagnostics.Trace.TraceInformation($"{{|DG1003:c.Email|}}");
            }
        }
        """);

    [Fact]
    public Task Masked_or_redacted_values_are_not_reported() => Verify.VerifyAsync(Customer + """
        class C
        {
            void M(ILogger logger, Customer c, DataMasker masker, IMasker email, Microsoft.Extensions.Compliance.Redaction.Redactor redactor)
            {
                logger.LogInformation("Signed up: {Email}", masker.Mask(c.Email, MaskStyle.Email));
                logger.LogInformation($"Signed up: {email.Mask(c.Email)}");
                Console.WriteLine(redactor.Redact(c.Email));
                Console.WriteLine(masker.ToMaskedString(c));
                throw new InvalidOperationException($"No account for {masker.Mask(c.Email, MaskStyle.Pseudonym)}");
            }
        }
        """);

    [Fact]
    public Task Names_lengths_tests_and_non_personal_properties_of_the_same_name_are_not_reported() => Verify.VerifyAsync(Customer + """
        class C
        {
            void M(ILogger logger, Customer c, Plan p)
            {
                // logger.LogInformation(c.Email) in a comment is not code
                logger.LogInformation("{Property} is missing", nameof(c.Email));
                logger.LogInformation("{Length}", c.Email.Length);
                logger.LogInformation("{HasEmail}", string.IsNullOrEmpty(c.Email));
                logger.LogInformation("{Company}", c.Email.EndsWith("@example.com", StringComparison.Ordinal));
                logger.LogInformation("{Plan} {Email}", c.Plan, p.Email);
                Console.WriteLine(c.Email is null ? "none" : "set");
                throw new InvalidOperationException($"{nameof(Customer)}.{nameof(Customer.Email)} is invalid");
            }
        }
        """);

    [Fact]
    public Task Property_made_personal_with_the_fluent_api_is_reported() => Verify.VerifyAsync("""
        public class Lead
        {
            public Guid Id { get; set; }
            public string Phone { get; set; } = "";
            public string Source { get; set; } = "";
        }

        class Db(DbContextOptions options) : DbContext(options)
        {
            protected override void OnModelCreating(ModelBuilder b) =>
                b.Entity<Lead>(e => e.Property(l => l.Phone).HasMaxLength(20).IsPersonal(PersonalCategory.Contact));
        }

        class C
        {
            void M(ILogger logger, Lead l) => logger.LogInformation("{Phone} {Source}", {|DG1001:l.Phone|}, l.Source);
        }
        """);

    [Fact]
    public Task Writes_in_an_object_initializer_and_selectors_of_filters_are_not_reads_that_reach_the_sink() => Verify.VerifyAsync(Customer + """
        class Db(DbContextOptions options) : DbContext(options)
        {
            public DbSet<Customer> Customers => Set<Customer>();
        }

        class C
        {
            async Task M(Db db, DataMasker masker)
            {
                var customer = new Customer { Email = "ana@example.com", Plan = "gold" };
                Console.WriteLine(masker.ToMaskedString(customer) + customer.Plan);
                var id = await db.Customers.WhereEncrypted(c => c.Email, "ana@example.com").Where(c => c.Email != "").Select(c => c.Id).SingleAsync();
                Console.WriteLine(id);
            }
        }
        """);

    [Fact]
    public Task Personal_values_projected_into_a_logged_list_are_reported() => Verify.VerifyAsync(Customer + """
        class C
        {
            void M(ILogger logger, List<Customer> customers) =>
                logger.LogInformation("{Emails}", string.Join(", ", customers.Where(c => c.Email != "").Select(c => {|DG1001:c.Email|})));
        }
        """);
}
