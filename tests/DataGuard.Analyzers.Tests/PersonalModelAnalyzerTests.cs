using DataGuard.Model;
using Microsoft.CodeAnalysis.Testing;
using Verify = DataGuard.Analyzers.Tests.AnalyzerVerifier<DataGuard.Analyzers.PersonalModelAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace DataGuard.Analyzers.Tests;

public sealed class PersonalModelAnalyzerTests
{
    [Fact]
    public Task Personal_type_without_a_data_subject_is_reported() => Verify.VerifyAsync("""
        public class {|DG3001:Note|}
        {
            public int Id { get; set; }
            [Personal] public string Text { get; set; } = "";
        }
        """);

    [Fact]
    public Task Data_subject_property_inherited_subject_or_fluent_subject_path_is_enough() => Verify.VerifyAsync("""
        public class Customer
        {
            [DataSubject] public Guid Id { get; set; }
            [Personal] public string Email { get; set; } = "";
        }

        public class Vip : Customer
        {
            [Personal] public string Phone { get; set; } = "";
        }

        public class Order
        {
            public int Id { get; set; }
            public Customer Customer { get; set; } = null!;
            [Personal] public string ShippingAddress { get; set; } = "";
        }

        class Db(DbContextOptions options) : DbContext(options)
        {
            protected override void OnModelCreating(ModelBuilder b) => b.Entity<Order>().HasSubjectPath(o => o.Customer.Id);
        }
        """);

    [Fact]
    public Task Retain_From_naming_a_missing_or_non_date_property_is_reported() => Verify.VerifyAsync("""
        [Retain(Days = 30, From = {|DG3002:"Created"|})]
        public class Visit
        {
            [DataSubject] public Guid Id { get; set; }
            public DateTime CreatedAt { get; set; }
        }

        [Retain(Days = 30, From = {|DG3002:nameof(Label)|})]
        public class Ticket
        {
            [DataSubject] public Guid Id { get; set; }
            public string Label { get; set; } = "";
        }
        """);

    [Fact]
    public Task Retain_From_naming_a_date_property_is_not_reported() => Verify.VerifyAsync("""
        [Retain(Days = 30, From = nameof(CreatedAt))]
        public class Visit
        {
            [DataSubject] public Guid Id { get; set; }
            public DateTime CreatedAt { get; set; }
        }

        [Retain(Days = 30, From = nameof(ClosedOn))]
        public class Ticket
        {
            [DataSubject] public Guid Id { get; set; }
            public DateOnly? ClosedOn { get; set; }
        }

        [Retain(Days = 30, From = "Seen")]
        public class Ping
        {
            public DateTimeOffset Seen { get; set; }
        }
        """);
}
