using DataGuard.EFCore.Stores;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Audit;

/// <summary>The chain an audit row belongs to, as stored: the tenant id, or <see cref="Platform"/> (empty, which no tenant
/// id can be) for the platform's chain, because the tenant is part of the entries' primary key and a key column cannot
/// be null. <see cref="DataGuard.Audit.AuditEntry.TenantId"/> is null for the platform's chain.</summary>
internal static class AuditTenant
{
    public const string Platform = "";

    public static string Key(string? tenantId) => tenantId ?? Platform;

    public static string? FromKey(string key) => key.Length == 0 ? null : key;

    /// <summary>The stored form of the current tenant's chain (<see cref="StoreTenant"/>).</summary>
    public static string Current(DbContext context) => Key(StoreTenant.Of(context));
}
