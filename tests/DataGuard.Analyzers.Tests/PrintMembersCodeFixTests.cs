using DataGuard.Analyzers.CodeFixes;
using DataGuard.Model;

using Verify = DataGuard.Analyzers.Tests.AnalyzerVerifier<DataGuard.Analyzers.PersonalToStringAnalyzer, DataGuard.Analyzers.CodeFixes.PrintMembersCodeFix>;

namespace DataGuard.Analyzers.Tests;

public sealed class PrintMembersCodeFixTests
{
    [Fact]
    public Task Sealed_positional_record_gets_a_private_PrintMembers_that_masks_personal_members() => Verify.VerifyFixAsync(
        """
        public sealed record {|DG1004:CustomerDto|}(Guid Id, [property: Personal] string Email);
        """,
        """
        public sealed record CustomerDto(Guid Id, [property: Personal] string Email)
        {
            private bool PrintMembers(System.Text.StringBuilder builder)
            {
                builder.Append("Id = ").Append(Id);
                builder.Append(", Email = ***");
                return true;
            }
        }
        """);

    [Fact]
    public Task Open_record_gets_a_protected_virtual_PrintMembers() => Verify.VerifyFixAsync(
        """
        public record {|DG1004:Contact|}
        {
            [Personal] public string Phone { get; init; } = "";
            public int Priority { get; init; }
        }
        """,
        """
        public record Contact
        {
            [Personal] public string Phone { get; init; } = "";
            public int Priority { get; init; }

            protected virtual bool PrintMembers(System.Text.StringBuilder builder)
            {
                builder.Append("Phone = ***");
                builder.Append(", Priority = ").Append(Priority);
                return true;
            }
        }
        """);
}
