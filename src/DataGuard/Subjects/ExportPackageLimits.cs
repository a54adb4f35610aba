namespace DataGuard.Subjects;

/// <summary>Bounds on what reading or verifying an export package accepts, so a hostile file cannot exhaust memory or
/// time. Checked against the package's structure before any content is read.</summary>
public sealed class ExportPackageLimits
{
    /// <summary>The defaults: 1 GiB per package, 10,000 files, 512 MiB per file.</summary>
    public static ExportPackageLimits Default { get; } = new();

    /// <summary>The largest package accepted, in bytes. A non-seekable source is buffered up to this size.</summary>
    public long MaxPackageBytes { get; init; } = 1L << 30;

    /// <summary>The most files a package may hold.</summary>
    public int MaxFiles { get; init; } = 10_000;

    /// <summary>The largest file accepted, in bytes.</summary>
    public long MaxFileBytes { get; init; } = 512L << 20;
}
