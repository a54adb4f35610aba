using System.Data.Common;
using DataGuard.Consent;
using DataGuard.EFCore.Consent;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Consent;

public sealed class SqliteConsentStateTests(SqliteConsentDatabase database) : ConsentStateTests, IClassFixture<SqliteConsentDatabase>
{
    protected override void ConfigureDb(DbContextOptionsBuilder options) => database.Configure(options);

    [Fact]
    public async Task The_check_is_one_query_that_seeks_the_index_and_never_scans_the_table()
    {
        var commands = new CommandRecorder();
        await using var host = new ConsentHost(o => database.Configure(o.AddInterceptors(commands)));
        SubjectId subject = Guid.NewGuid();
        await host.InScopeAsync(c => c.GrantAsync(subject, "marketing"));
        commands.Commands.Clear();

        Assert.True(await host.InScopeAsync(c => c.HasConsentAsync(subject, "marketing")));

        var check = Assert.Single(commands.Commands);
        await using var scope = host.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<ConsentDb>().Database.GetDbConnection();
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + check.Text;
        foreach (var (name, value) in check.Parameters)
        {
            var parameter = explain.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            explain.Parameters.Add(parameter);
        }

        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        const string seek = "INDEX IX_DataGuardConsentRecords_TenantId_SubjectId_Purpose_Id (TenantId=? AND SubjectId=? AND Purpose=?)";
        Assert.Contains(plan, p => p.StartsWith("SEARCH", StringComparison.Ordinal) && p.Contains(seek, StringComparison.Ordinal));
        Assert.DoesNotContain(plan, p => p.StartsWith("SCAN", StringComparison.Ordinal) && p.Contains("DataGuardConsentRecords", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Appending_saves_through_the_apps_context_and_leaves_nothing_tracked()
    {
        await using var host = NewHost();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsentDb>();
        var consents = scope.ServiceProvider.GetRequiredService<IConsentService>();
        SubjectId subject = Guid.NewGuid();

        await consents.GrantAsync(subject, "marketing");
        await consents.WithdrawAsync(subject, "marketing");

        Assert.Empty(db.ChangeTracker.Entries());
        Assert.Equal(2, await db.Set<ConsentRecordRow>().CountAsync(r => r.SubjectId == subject.Value));
        Assert.Equal("DataGuardConsentRecords", db.Model.FindEntityType(typeof(ConsentRecordRow))!.GetTableName());
    }

    private sealed class CommandRecorder : DbCommandInterceptor
    {
        public List<(string Text, List<(string Name, object? Value)> Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
