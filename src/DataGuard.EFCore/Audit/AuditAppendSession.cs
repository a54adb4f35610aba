using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DataGuard.EFCore.Audit;

/// <summary>What every statement of one append shares: the context's connection and current transaction, its command
/// timeout, the model's <see cref="AuditSql"/>, and whether the calls are synchronous or asynchronous.</summary>
internal sealed class AuditAppendSession
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly int? _timeout;

    /// <summary>A session in the context's current transaction, with <paramref name="sql"/> or else the model's
    /// statements (<see cref="AuditSql.For"/>).</summary>
    public AuditAppendSession(DbContext context, AuditDbCalls calls, CancellationToken cancellationToken, AuditSql? sql = null)
    {
        _transaction = context.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Audit entries are appended inside a transaction; none is active.");
        _connection = context.Database.GetDbConnection();
        _timeout = context.Database.GetCommandTimeout();
        Sql = sql ?? AuditSql.For(context);
        Tenant = Stores.StoreTenant.Of(context);
        Tenants.Residency.ContextResidency.EnsureWritable(context, Tenant, "audit entries"); // a tenant's chain stays in its region
        Calls = calls;
        CancellationToken = cancellationToken;
    }

    public AuditSql Sql { get; }

    /// <summary>The tenant whose chain the append extends (the current one), or <see langword="null"/> for the platform's.</summary>
    public string? Tenant { get; }

    public AuditDbCalls Calls { get; }

    public CancellationToken CancellationToken { get; }

    public static DbParameter Add(DbCommand command, string name, object? value, DbType? type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (type is { } dbType)
        {
            parameter.DbType = dbType;
        }

        command.Parameters.Add(parameter);
        return parameter;
    }

    public DbCommand Command(string text)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = text;
        if (_timeout is { } seconds)
        {
            command.CommandTimeout = seconds;
        }

        return command;
    }

    public ValueTask<int> ExecuteAsync(DbCommand command) => Calls.ExecuteNonQueryAsync(command, CancellationToken);

    /// <summary>Runs a statement without parameters and disposes of it.</summary>
    public async ValueTask ExecuteAsync(string text)
    {
        var command = Command(text);
        try
        {
            await ExecuteAsync(command).ConfigureAwait(false);
        }
        finally
        {
            await Calls.DisposeAsync(command).ConfigureAwait(false);
        }
    }
}
