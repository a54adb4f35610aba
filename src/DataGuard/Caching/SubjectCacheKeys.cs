namespace DataGuard.Caching;

/// <summary>The keys DataGuard stores a subject's cache entries under. They carry a keyed hash of the subject id (the
/// blind-index key of the pseudo-entity <c>$cache</c>), never the id itself, so the cache server's key space does not
/// list who is cached.</summary>
internal static class SubjectCacheKeys
{
    public const string Prefix = "dataguard:subject:";

    public static string Epoch(string subjectHash) => $"{Prefix}{subjectHash}:epoch";

    public static string Entry(string subjectHash, string key) => $"{Prefix}{subjectHash}:entry:{key}";
}
