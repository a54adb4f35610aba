using DataGuard.Analyzers.CodeFixes;
using DataGuard.Model;

using Verify = DataGuard.Analyzers.Tests.AnalyzerVerifier<DataGuard.Analyzers.PersonalToStringAnalyzer, DataGuard.Analyzers.CodeFixes.PrintMembersCodeFix>;

namespace DataGuard.Analyzers.Tests;

public sealed class PersonalToStringAnalyzerTests
{
    [Fact]
    public Task Record_with_personal_members_and_a_generated_ToString_is_reported() => Verify.VerifyAsync("""
        public record {|DG1004:CustomerDto|}(Guid Id, [property: Personal] string Email);
        """);

    [Fact]
    public Task Hand_written_ToString_that_prints_a_personal_member_is_reported() => Verify.VerifyAsync("""
        public class Customer
        {
            [Personal] public string Email { get; set; } = "";
            public override string ToString() => $"Customer {{|DG1004:Email|}}";
        }
        """);

    [Fact]
    public Task Records_without_personal_members_classes_and_masking_ToStrings_are_not_reported() => Verify.VerifyAsync("""
        public record Country(string Code, string Name);

        public class Customer
        {
            [Personal] public string Email { get; set; } = "";
        }

        public record Masked([property: Personal] string Email)
        {
            public override string ToString() => $"Masked {{ HasEmail = {Email.Length > 0}, Property = {nameof(Email)} }}";
        }
        """);
}
