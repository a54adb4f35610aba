using DataGuard.Encryption;
using DataGuard.Keys;
using DataGuard.Subjects;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Keys;

/// <summary>An application with subject keys on whose personal values are scalars.</summary>
internal sealed class InpatientHost : DataGuardTestHost<InpatientContext>
{
    private InpatientHost(Parts parts)
        : base(parts)
    {
    }

    public IKeyManager Keys => Services.GetRequiredService<IKeyManager>();

    public ISubjectRightsService Subjects => Services.GetRequiredService<ISubjectRightsService>();

    public IFieldReencryptor Reencryptor => Services.GetRequiredService<IFieldReencryptor>();

    /// <inheritdoc cref="Setup.WithSubjectKeys"/>
    public static Task<InpatientHost> StartAsync(
        Action<DbContextOptionsBuilder> database, Action<DataGuardOptions>? configure = null, IDataProtectionProvider? dataProtection = null,
            bool create = true)
        => StartAsync(Setup.WithSubjectKeys(database, dataProtection, create, configure), static parts => new InpatientHost(parts));

    public async Task<SubjectExportPackage> ExportAsync(SubjectId subject)
    {
        using var buffer = new MemoryStream();
        await Subjects.ExportAsync(subject, buffer);
        buffer.Position = 0;
        return await SubjectExportPackage.ReadAsync(buffer);
    }

    /// <summary>The stored text of one column of one row, as the database holds it.</summary>
    public Task<string?> RawAsync(string column, string ward)
    {
        var sql = string.Concat("SELECT \"", column, "\" AS \"Value\" FROM \"Inpatients\" WHERE \"Ward\" = {0}"); // column names are the test's own
        return WithContextAsync(db => db.Database.SqlQueryRaw<string?>(sql, ward).SingleAsync());
    }
}
