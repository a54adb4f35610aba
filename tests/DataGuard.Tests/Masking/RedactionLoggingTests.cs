using DataGuard.Masking;
using DataGuard.Masking.Classification;
using DataGuard.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace DataGuard.Tests.Masking;

public sealed class RedactionLoggingTests
{
    private static ServiceProvider Build(Action<DataGuardRedactionOptions>? configure = null, bool withKey = true, bool discriminator = false)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.EnableRedaction(o => o.ApplyDiscriminator = discriminator).AddFakeLogging());
        services.AddDataGuard()
            .AddMasking(o =>
            {
                if (withKey)
                {
                    (o.PseudonymKeyId, o.PseudonymKey) = ("t1", TestMasking.Base64Key());
                }
            })
            .AddRedaction(configure);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Classified_logger_message_parameters_are_logged_masked()
    {
        using var provider = Build(o => o.Masks[PersonalCategory.Contact] = MaskStyle.Email);
        var logger = provider.GetRequiredService<ILogger<RedactionLoggingTests>>();

        PaymentLog.Paid(logger, "ana@example.com", "4111 1111 1111 1111");

        var record = provider.GetFakeLogCollector().LatestRecord;
        Assert.Equal("Customer a***@example.com paid with **** **** **** 1111", record.Message);
        Assert.Equal("a***@example.com", record.GetStructuredStateValue("Email"));
        Assert.DoesNotContain("ana@", string.Join("|", record.StructuredState!.Select(s => s.Value)), StringComparison.Ordinal);
    }

    [Fact]
    public void Classified_properties_of_a_logged_object_are_masked_and_the_rest_kept()
    {
        using var provider = Build();
        var logger = provider.GetRequiredService<ILogger<RedactionLoggingTests>>();

        PaymentLog.Refunded(logger, new Refund { Amount = 12.5m, Name = "Ana Silva", Card = "4111111111111111" });

        var state = provider.GetFakeLogCollector().LatestRecord.StructuredState!.ToDictionary(s => s.Key, s => s.Value);
        Assert.Equal("***", state["refund.Name"]);
        Assert.Equal("************1111", state["refund.Card"]);
        Assert.Equal("12.5", state["refund.Amount"]);
    }

    [Fact]
    public void Personal_properties_of_a_logged_entity_are_erased()
    {
        using var provider = Build();
        var logger = provider.GetRequiredService<ILogger<RedactionLoggingTests>>();
        var id = Guid.NewGuid();

        PaymentLog.CustomerUpdated(logger, new LoggedCustomer { Id = id, Email = "ana@example.com", Orders = 3 });

        var state = provider.GetFakeLogCollector().LatestRecord.StructuredState!.ToDictionary(s => s.Key, s => s.Value);
        Assert.Equal("***", state["customer.Email"]);
        Assert.Equal(id.ToString(), state["customer.Id"]);
        Assert.Equal("3", state["customer.Orders"]);
    }

    [Fact]
    public void Online_identifiers_are_logged_as_pseudonyms_with_the_key_id()
    {
        using var provider = Build();
        var redactor = provider.GetRequiredService<Microsoft.Extensions.Compliance.Redaction.IRedactorProvider>().GetRedactor(DataGuardTaxonomy.For(
            PersonalCategory.OnlineIdentifier));

        var redacted = redactor.Redact("203.0.113.7");

        Assert.Equal(TestMasking.Masker().Mask("203.0.113.7", MaskStyle.Pseudonym), redacted);
        Assert.StartsWith("t1:", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redacting_pseudonyms_without_a_key_stops_the_host_at_start_up()
    {
        using var provider = Build(withKey: false);

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(ex.Failures, f => f.Contains("MaskStyle.Pseudonym", StringComparison.Ordinal) && f.Contains("key ring", StringComparison.Ordinal));
    }

    [Fact]
    public void Redaction_without_pseudonyms_needs_no_key()
    {
        using var provider = Build(o => o.Masks[PersonalCategory.OnlineIdentifier] = MaskStyle.Erase, withKey: false);

        provider.GetRequiredService<IStartupValidator>().Validate();
        var logger = provider.GetRequiredService<ILogger<RedactionLoggingTests>>();
        PaymentLog.Paid(logger, "ana@example.com", "4111 1111 1111 1111");
        Assert.Equal("Customer *** paid with **** **** **** 1111", provider.GetFakeLogCollector().LatestRecord.Message);
    }

    [Fact]
    public void With_the_tag_discriminator_on_shape_keeping_masks_still_reveal_nothing_of_the_value()
    {
        using var provider = Build(discriminator: true);
        var logger = provider.GetRequiredService<ILogger<RedactionLoggingTests>>();

        PaymentLog.Paid(logger, "ana@example.com", "4111 1111 1111 1111");

        // Microsoft.Extensions.Telemetry appends ":{tag}" to the value before redacting; that is why the README asks
        // for ApplyDiscriminator = false. The appended tag is masked like the value, and no digit of the card shows.
        var message = provider.GetFakeLogCollector().LatestRecord.Message;
        Assert.Equal("Customer *** paid with **** **** **** *****Card", message);
    }

    [Fact]
    public void Every_category_has_its_own_classification_in_the_DataGuard_taxonomy()
    {
        var classifications = Enum.GetValues<PersonalCategory>().Select(DataGuardTaxonomy.For).ToList();

        Assert.Equal(classifications.Count, classifications.Distinct().Count());
        Assert.All(classifications, c => Assert.Equal(DataGuardTaxonomy.TaxonomyName, c.TaxonomyName));
        Assert.Equal(DataGuardTaxonomy.For(PersonalCategory.Contact), new ContactDataAttribute().Classification);
    }
}
