using DataGuard.Model.Processing;

/// <summary>The parts of the shop's record of processing (GDPR Art. 30) that are not in code already: who is
/// responsible, whose data it is, who receives it and where it goes. docs/data-map.md checks the result item by item.</summary>
internal static class RecordOfProcessing
{
    public static void Describe(RecordOfProcessingOptions record)
    {
        record.Controller.Name = "Example Shop Lda.";
        record.Controller.Contact = "Rua do Comércio 1, 1100-148 Lisboa; privacy@shop.example";
        record.DataProtectionOfficer.Name = "Data Protection Officer, Example Shop";
        record.DataProtectionOfficer.Contact = "dpo@shop.example";

        var customers = new DataSubjectCategory { Name = "customers", Description = "People who buy from the shop or subscribe to its newsletter" };
        customers.Entities.Add("Customer");
        customers.Entities.Add("Order");
        record.SubjectCategories.Add(customers);

        var carrier = new DataRecipient { Name = "Parcel carrier", Role = RecipientRole.Processor, Country = "PT" };
        carrier.Purposes.Add("order-fulfilment");
        var mailer = new DataRecipient { Name = "Newsletter service (MailCo Inc.)", Role = RecipientRole.Processor, Country = "US" };
        mailer.Purposes.Add("marketing");
        var tax = new DataRecipient { Name = "Autoridade Tributária", Role = RecipientRole.PublicAuthority, Country = "PT" };
        tax.Purposes.Add("tax-records");
        record.Recipients.Add(carrier);
        record.Recipients.Add(mailer);
        record.Recipients.Add(tax);

        record.Transfers.Add(new DataTransfer
        {
            Recipient = "Newsletter service (MailCo Inc.)",
            Country = "US",
            Safeguard = TransferSafeguard.AdequacyDecision,
            Documentation = "EU-US Data Privacy Framework certification, checked 2026-11",
        });

        record.SecurityMeasures.Add("Access to the database limited to the operations team, with multi-factor sign-in.");
        record.SecurityMeasures.Add("Backups of the database and the key ring encrypted and kept apart (docs/backup-and-recovery.md).");
    }
}
