namespace DataGuard.EFCore.Subjects;

/// <summary>What an export wrote: entities, their rows, and the package's files (the manifest included).</summary>
internal readonly record struct ExportSummary(int Entities, long Rows, int Files);
