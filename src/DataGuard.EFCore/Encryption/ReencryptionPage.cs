namespace DataGuard.EFCore.Encryption;

/// <summary>Which page of a <see cref="ReencryptionTarget"/> to read: the rows after <paramref name="LastKey"/> (from the
/// start when null), at most <paramref name="BatchSize"/> of them, of <paramref name="Tenant"/> only when it is not null
/// and the table has a tenant column.</summary>
internal readonly record struct ReencryptionPage(object?[]? LastKey, int BatchSize, string? Tenant);
