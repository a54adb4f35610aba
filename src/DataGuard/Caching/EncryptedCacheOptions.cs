namespace DataGuard.Caching;

/// <summary>Options of DataGuard's encrypted cache (<c>AddDataGuard().AddEncryptedCache()</c>).</summary>
public sealed class EncryptedCacheOptions
{
    /// <summary>The longest time an entry may live, whatever its options ask: absolute expirations are brought forward
    /// to it and sliding ones capped by it. Defaults to 24 hours, the "cached, never stored" promise of many privacy
    /// policies.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromHours(24);
}
