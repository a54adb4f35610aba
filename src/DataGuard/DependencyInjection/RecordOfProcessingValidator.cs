using DataGuard.Model.Processing;

namespace DataGuard.DependencyInjection;

/// <summary>The record of processing's part of options validation: recipients name declared purposes, transfers name
/// their safeguard, and a derogation says where it is documented.</summary>
internal static class RecordOfProcessingValidator
{
    public static void Validate(DataGuardOptions options, List<string> failures)
    {
        var record = options.RecordOfProcessing;
        foreach (var category in record.SubjectCategories)
        {
            if (string.IsNullOrWhiteSpace(category.Name))
            {
                failures.Add("RecordOfProcessing.SubjectCategories: a category of data subjects has a blank name.");
            }
        }

        foreach (var recipient in record.Recipients)
        {
            if (string.IsNullOrWhiteSpace(recipient.Name))
            {
                failures.Add("RecordOfProcessing.Recipients: a recipient has a blank name.");
            }

            foreach (var purpose in recipient.Purposes.Where(p => options.Purposes.Find(p) is null))
            {
                failures.Add($"RecordOfProcessing.Recipients: '{recipient.Name}' receives data for purpose '{purpose}', which is not declared in Purposes.");
            }
        }

        foreach (var transfer in record.Transfers)
        {
            if (string.IsNullOrWhiteSpace(transfer.Recipient) || string.IsNullOrWhiteSpace(transfer.Country))
            {
                failures.Add("RecordOfProcessing.Transfers: a transfer needs its Recipient and Country.");
            }

            if (transfer.Safeguard == TransferSafeguard.None || !Enum.IsDefined(transfer.Safeguard))
            {
                failures.Add($"RecordOfProcessing.Transfers: the transfer to '{transfer.Recipient}' in '{transfer.Country}' names no safeguard; set " +
                    "Safeguard (adequacy decision, standard contractual clauses, …).");
            }
            else if (transfer.Safeguard == TransferSafeguard.Derogation && string.IsNullOrWhiteSpace(transfer.Documentation))
            {
                failures.Add($"RecordOfProcessing.Transfers: the transfer to '{transfer.Recipient}' relies on a derogation; Art. 30(1)(e) asks for its " +
                    "documentation: set Documentation.");
            }
        }
    }
}
