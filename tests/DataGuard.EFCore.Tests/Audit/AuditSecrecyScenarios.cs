using System.Data.Common;
using DataGuard.Audit;
using DataGuard.EFCore.Audit;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Masking;
using DataGuard.Model;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DataGuard.EFCore.Tests.Audit.AuditScenarios;

namespace DataGuard.EFCore.Tests.Audit;

/// <summary>The audit stories about personal values (masked values on the chain, no plaintext anywhere), on both databases.</summary>
internal static class AuditSecrecyScenarios
{
    public static async Task Masked_old_and_new_values_are_recorded_on_the_chain_and_never_in_clear(AuditTestHost host)
    {
        var before = (await host.HeadAsync()).Sequence;
        var customer = NewCustomer();
        await using (var db = host.NewContext())
        {
            db.Add(customer);
            await db.SaveChangesAsync();
            customer.Email = "changed." + Email;
            customer.Name = "Ana Renamed Silva";
            customer.CreatedAt = customer.CreatedAt.AddDays(1);
            await db.SaveChangesAsync();
        }

        // The column holds ciphertext (encryption is on for [Personal] by default), not the address.
        var storedEmail = await StoredEmailPrefixAsync(host, customer.Id);

        // Loaded afresh, so the original values come from the database (decrypted by DataGuard's converters).
        await using (var db = host.NewContext())
        {
            db.Remove(await db.Customers.SingleAsync(c => c.Id == customer.Id));
            await db.SaveChangesAsync();
        }

        var plan = host.Services.GetRequiredService<DataMasker>().GetPlan(typeof(Customer));
        string? Masked(string property, string? value) => DataMasker.MaskObject(value, plan.Properties.Single(p => p.Info.Name == property).Masker!);
        (string, string?, string?) Change(string property, string? old, string? @new) => (property, Masked(property, old), Masked(property, @new));

        var page = await host.Store.QueryAsync(new AuditQuery { SubjectId = SubjectId.From(customer.Id), PageSize = 10 });
        var entries = page.Entries.Where(e => e.Sequence > before).ToList();
        Assert.Equal([AuditActions.EntityInserted, AuditActions.EntityUpdated, AuditActions.EntityDeleted], entries.Select(e => e.Action));
        List<(string, string?, string?)> Changes(AuditEntry e) => e.Changes!.Select(c => (c.Property, c.OldValue, c.NewValue)).ToList();
        Assert.Equal([Change("CardNumber", null, Card), Change("Email", null, Email), Change("Name", null, Name)], Changes(entries[0]));
        Assert.Equal([Change("Email", Email, "changed." + Email), Change("Name", Name, "Ana Renamed Silva")], Changes(entries[1]));
        Assert.Equal([Change("CardNumber", Card, null), Change("Email", "changed." + Email, null), Change("Name", "Ana Renamed Silva", null)],
            Changes(entries[2]));
        Assert.Equal("**** **** **** 4444", entries[0].Changes![0].NewValue);
        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);

        // The masks keep the last four card digits by design; everything else must be absent from every cell, and
        // the masked values were made from the decrypted values, not from the ciphertext the column holds.
        await AssertNoSecretInAuditTable(host, [Email, "ana.secret", Name, "Secreta", "Renamed", Card, "4111 2222", "2222 3333", Address]);
        await AssertNoSecretInAuditTable(host, [storedEmail]);

        await Masked_values_are_covered_by_the_chain(host, entries[1]);
    }

    /// <summary>The masked values are covered by the chain: editing them, even into other masked text, is detected;
    /// damaged text is reported as a break at its entry, not thrown from the verifier.</summary>
    private static async Task Masked_values_are_covered_by_the_chain(AuditTestHost host, AuditEntry updated)
    {
        var target = updated.Sequence;
        await using (var db = host.NewContext())
        {
            var stored = await db.Set<AuditEntryRecord>().Where(e => e.Sequence == target).Select(e => e.Changes).SingleAsync();
            var edited = stored!.Replace(updated.Changes![0].NewValue!, updated.Changes![0].OldValue!, StringComparison.Ordinal);
            Assert.NotEqual(stored, edited);
            await db.Set<AuditEntryRecord>().Where(e => e.Sequence == target).ExecuteUpdateAsync(s => s.SetProperty(e => e.Changes, edited));
        }

        Assert.Equal(target, (await host.Verifier.VerifyAsync()).FirstBrokenSequence);

        await using (var db = host.NewContext())
        {
            await db.Set<AuditEntryRecord>().Where(e => e.Sequence == target).ExecuteUpdateAsync(s => s.SetProperty(e => e.Changes, "[[\"Email\""));
        }

        var report = await host.Verifier.VerifyAsync();
        Assert.Equal(target, report.FirstBrokenSequence);
        Assert.Contains("damaged", report.Problem, StringComparison.Ordinal);
    }

    /// <summary>The start of the stored (encrypted) email, checked to hold no part of the address.</summary>
    private static async Task<string> StoredEmailPrefixAsync(AuditTestHost host, Guid id)
    {
        await using var db = host.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Email\" FROM \"Customers\" WHERE \"Id\" = " + (host.IsPostgres ? $"'{id}'" : $"'{id.ToString().ToUpperInvariant()}'");
        var stored = await command.ExecuteScalarAsync();
        Assert.NotNull(stored);
        var text = stored is byte[] bytes ? Convert.ToBase64String(bytes) : Convert.ToString(stored, System.Globalization.CultureInfo.InvariantCulture)!;
        Assert.DoesNotContain("example.com", text, StringComparison.Ordinal);
        return text.Length > 24 ? text[..24] : text;
    }

    public static async Task No_plaintext_personal_value_reaches_the_audit_table(AuditTestHost host)
    {
        await using (var db = host.NewContext())
        {
            var customer = NewCustomer();
            db.AddRange(customer, new Order { CustomerId = customer.Id, ShippingAddress = Address });
            await db.SaveChangesAsync();
            customer.Email = "changed." + Email;
            customer.CardNumber = null;
            await db.SaveChangesAsync();
            db.Remove(customer);
            await db.SaveChangesAsync();
        }

        await AssertNoSecretInAuditTable(host, [Email, "ana.secret", Name, "Secreta", Card, "4444", Address]);
    }

    /// <summary>Reads every cell of the audit table, whatever its type, and looks for each secret in it.</summary>
    private static async Task AssertNoSecretInAuditTable(AuditTestHost host, string[] secrets)
    {
        await using var db = host.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM \"DataGuardAuditEntries\"";
        await using var reader = await command.ExecuteReaderAsync();
        var cells = 0;
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                var text = value is byte[] bytes
                    ? System.Text.Encoding.UTF8.GetString(bytes)
                    : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";

                // A number column (sequence, timestamp ticks) holds no personal value; its digits can contain a short
                // secret such as "4444" by chance, so only text and binary cells are searched.
                foreach (var secret in value is long or int or short or decimal ? [] : secrets)
                {
                    Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
                }

                cells++;
            }
        }

        Assert.True(cells >= 14 * 3, $"scanned only {cells} cells");
    }
}
