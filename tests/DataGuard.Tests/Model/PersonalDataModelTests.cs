using DataGuard.Masking;
using DataGuard.Model;

namespace DataGuard.Tests.Model;

public sealed class PersonalDataModelTests
{
    [Retain(Days = 730, From = nameof(CreatedAt), Then = RetentionAction.Anonymize)]
    private sealed class Customer
    {
        [DataSubject] public Guid Id { get; set; }
        [Personal(PersonalCategory.Contact, Searchable = true, Mask = MaskStyle.Email)] public string Email { get; set; } = "";
        [Personal(PersonalCategory.Identity)] public string Name { get; set; } = "";
        [Personal(PersonalCategory.Financial)] public string? CardNumber { get; set; }
        [Personal(PersonalCategory.Health)] public string? Allergies { get; set; }
        public DateTime CreatedAt { get; set; }
    }

    private sealed class Country
    {
        public string Code { get; set; } = "";
    }

    [Fact]
    public void Attributes_resolve_to_descriptors_with_category_default_masks()
    {
        var customer = Assert.Single(PersonalDataModel.FromTypes(typeof(Customer), typeof(Country)).Entities);

        Assert.Equal("Id", customer.SubjectProperty);
        Assert.Equal(typeof(Guid), customer.SubjectType);
        Assert.Equal(["Email", "Name", "CardNumber", "Allergies"], customer.Fields.Select(f => f.Name));
        Assert.Equal(MaskStyle.Email, customer.FindField("Email")!.Mask);
        Assert.True(customer.FindField("Email")!.Searchable);
        Assert.Equal(MaskStyle.Erase, customer.FindField("Name")!.Mask);
        Assert.Equal(MaskStyle.Last4, customer.FindField("CardNumber")!.Mask);
        Assert.True(customer.FindField("Allergies")!.IsSpecialCategory);
        Assert.False(customer.FindField("Name")!.IsSpecialCategory);
        Assert.Equal(730, customer.Retention!.Days);
        Assert.Equal(TimeSpan.FromDays(730), customer.Retention.Period);
        Assert.Equal(RetentionAction.Anonymize, customer.Retention.Then);
        Assert.False(customer.Retention.IsMinimum);
    }

    [Fact]
    public void Types_without_annotations_are_left_out_and_find_returns_null_for_them()
    {
        var model = PersonalDataModel.FromTypes(typeof(Customer), typeof(Country));
        Assert.Null(model.Find(typeof(Country)));
        Assert.Same(model.Entities[0], model.Find(typeof(Customer)));
    }

    [Fact]
    public void The_type_cache_builds_each_descriptor_once()
    {
        Assert.Same(PersonalTypeCache.Get(typeof(Customer)), PersonalTypeCache.Get(typeof(Customer)));
    }

    [Retain(Days = 3650, From = nameof(IssuedOn), LegalRequirement = "Tax records: 10 years")]
    private sealed class Invoice
    {
        public DateOnly IssuedOn { get; set; }
    }

    [Fact]
    public void A_legal_requirement_makes_retention_a_minimum_and_keeps_an_entity_without_personal_fields()
    {
        var invoice = Assert.Single(PersonalDataModel.FromTypes(typeof(Invoice)).Entities);
        Assert.False(invoice.HoldsPersonalData);
        Assert.True(invoice.Retention!.IsMinimum);
        Assert.Equal("Tax records: 10 years", invoice.Retention.LegalRequirement);
    }
}
