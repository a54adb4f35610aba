using DataGuard.EFCore.Tests.TestModel;
using DataGuard.EFCore.Audit;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Audit;

public sealed class AuditEntryColumnsTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_appender_binds_every_column_the_table_configuration_maps()
    {
        await using var host = await AuditTestHost.SqliteAsync(_folder);
        await using var db = host.NewContext();
        var mapped = db.Model.FindEntityType(typeof(AuditEntryRecord))!.GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(mapped, AuditEntryColumns.All.Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Length_limits_in_the_table_configuration_come_from_the_column_list()
    {
        await using var host = await AuditTestHost.SqliteAsync(_folder);
        await using var db = host.NewContext();
        var entity = db.Model.FindEntityType(typeof(AuditEntryRecord))!;

        Assert.All(AuditEntryColumns.All, c => Assert.Equal(c.MaxLength, entity.FindProperty(c.Name)!.GetMaxLength()));
        Assert.Equal(100, entity.FindProperty(nameof(AuditEntryRecord.Action))!.GetMaxLength());
        Assert.Equal(32, entity.FindProperty(nameof(AuditEntryRecord.Hash))!.GetMaxLength());
        Assert.Null(entity.FindProperty(nameof(AuditEntryRecord.Changes))!.GetMaxLength());
    }
}
