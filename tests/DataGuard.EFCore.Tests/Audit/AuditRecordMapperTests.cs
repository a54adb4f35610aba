using DataGuard.Audit;
using DataGuard.EFCore.Audit;
using DataGuard.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Audit;

public sealed class AuditRecordMapperTests : IDisposable
{
    private static readonly string[] Awkward = [",", "", " ", "\"", "[", "]", "[\"a\"]", "a,b", "\\", "é", "東京", "\U0001F600", "null", "[]", ",,"];

    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Gen<string> Names => Gen.OneOf(
        Gen.Elements(Awkward),
        ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""),
        Gen.ListOf(Gen.Elements(Awkward)).Select(parts => string.Concat(parts)));

    private static AuditEntryRecord Row(IReadOnlyList<string>? properties)
    {
        var record = new AuditRecord(AuditTestHost.Start, "app.test", null, null, "Thing", "1", properties, null, null, null);
        var entry = record.Seal(1, AuditChain.GenesisHash);
        return new AuditEntryRecord
        {
            Sequence = 1,
            Timestamp = entry.Timestamp.UtcDateTime,
            Action = entry.Action,
            EntityType = entry.EntityType,
            EntityKey = entry.EntityKey,
            Properties = AuditRecordMapper.JoinProperties(properties),
            PreviousHash = entry.PreviousHash.ToArray(),
            Hash = entry.Hash.ToArray(),
        };
    }

    [Property(MaxTest = 500)]
    public Property Any_list_of_property_names_round_trips_through_the_stored_form_and_verifies()
        => Prop.ForAll(Arb.From(Gen.ListOf(Names).Select(l => l.ToArray())), names =>
        {
            var entry = AuditRecordMapper.ToEntry(Row(names));

            // A lone surrogate reads back as U+FFFD, which is what the chain hashed it as (UTF-8).
            var expected = names.Select(n => System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(n)));
            var stored = AuditRecordMapper.JoinProperties(names)!;
            var sameText = names.Any(n => n.Any(char.IsSurrogate)) || entry.Properties!.SequenceEqual(names, StringComparer.Ordinal);
            return (entry.Properties!.SequenceEqual(expected, StringComparer.Ordinal) && sameText && AuditChain.HashMatches(entry))
                .Label($"stored as {stored}");
        });

    [Fact]
    public void Names_without_commas_keep_the_comma_separated_stored_form()
        => Assert.Equal("CardNumber,Email,Name", AuditRecordMapper.JoinProperties(["CardNumber", "Email", "Name"]));

    [Fact]
    public async Task A_comma_in_a_recorded_property_name_leaves_the_chain_verifiable()
    {
        await using var host = await AuditTestHost.SqliteAsync(_folder);
        await host.Trail.RecordAsync(new AuditEvent("app.export") { Properties = ["Address,Line1", "Email"] });

        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
        var entry = Assert.Single((await host.Store.QueryAsync(new AuditQuery { Action = "app.export" })).Entries);
        Assert.Equal(["Address,Line1", "Email"], entry.Properties);
    }

    [Fact]
    public async Task An_entry_stored_in_the_earlier_comma_form_that_reads_like_the_new_form_still_verifies()
    {
        // Before the list form existed, ["[\"a\"", "\"b\"]"] was stored as the text ["a","b"] — which the new reader
        // takes for a JSON list; the verifier must still find the reading the entry was hashed with.
        await using var host = await AuditTestHost.SqliteAsync(_folder);
        string[] names = ["[\"a\"", "\"b\"]"];
        await host.Trail.RecordAsync(new AuditEvent("app.legacy") { Properties = names });
        await using (var db = host.NewContext())
        {
            await db.Set<AuditEntryRecord>().Where(e => e.Action == "app.legacy").ExecuteUpdateAsync(s => s.SetProperty(e => e.Properties,
                string.Join(',', names)));
        }

        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task An_entry_stored_in_the_earlier_form_with_a_comma_inside_a_name_verifies()
    {
        // Entries written before this fix with a comma in a name were stored joined; their hash covers the names.
        await using var host = await AuditTestHost.SqliteAsync(_folder);
        string[] names = ["Address,Line1", "Email"];
        await host.Trail.RecordAsync(new AuditEvent("app.legacy") { Properties = names });
        await using (var db = host.NewContext())
        {
            await db.Set<AuditEntryRecord>().Where(e => e.Action == "app.legacy").ExecuteUpdateAsync(s => s.SetProperty(e => e.Properties,
                string.Join(',', names)));
        }

        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
    }
}
