namespace DataGuard.Subjects;

/// <summary>A file of an export package as its manifest lists it.</summary>
/// <param name="Path">The path inside the package, for example <c>data/Customer.json</c>.</param>
/// <param name="Length">The file's length in bytes.</param>
/// <param name="Sha256">The SHA-256 of the file's bytes, 64 lower-case hex digits.</param>
public sealed record ExportFile(string Path, long Length, string Sha256);
