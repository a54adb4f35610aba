using DataGuard.Analyzers.CodeFixes;
using DataGuard.Masking;
using DataGuard.Model;

using Verify = DataGuard.Analyzers.Tests.AnalyzerVerifier<DataGuard.Analyzers.PersonalDataLeakAnalyzer, DataGuard.Analyzers.CodeFixes.MaskValueCodeFix>;

namespace DataGuard.Analyzers.Tests;

public sealed class MaskValueCodeFixTests
{
    private const string Customer = """
        public class Customer
        {
            [DataSubject] public Guid Id { get; set; }
            [Personal(Mask = MaskStyle.Email)] public string Email { get; set; } = "";
            [Personal] public string Name { get; set; } = "";
        }

        """;

    [Fact]
    public Task Logged_value_is_wrapped_in_the_masker_with_its_mask_style() => Verify.VerifyFixAsync(
        Customer + """
        class C(DataMasker masker, ILogger<C> logger)
        {
            void M(Customer c) => logger.LogInformation("Signed up {Email} {Name}", {|DG1001:c.Email|}, {|DG1001:c.Name|});
        }
        """,
        Customer + """
        class C(DataMasker masker, ILogger<C> logger)
        {
            void M(Customer c) => logger.LogInformation("Signed up {Email} {Name}", masker.Mask(c.Email, MaskStyle.Email), masker.Mask(c.Name, MaskStyle.Default));
        }
        """);

    [Fact]
    public Task Without_a_masker_in_scope_no_fix_is_offered() => Verify.VerifyFixAsync(
        Customer + """
        class C
        {
            void M(Customer c) => Console.WriteLine({|DG1003:c.Email|});
        }
        """,
        Customer + """
        class C
        {
            void M(Customer c) => Console.WriteLine({|DG1003:c.Email|});
        }
        """);
}
