using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Encryption;

/// <summary>How the blind-index rebuild pages one table: in primary-key order, <paramref name="BatchSize"/> rows a
/// batch, after the last key read when the key is a single simple column (<paramref name="Key"/>; null: every batch
/// rescans from the start, which the stale-row selection keeps correct).</summary>
internal sealed record BlindIndexPaging(IReadOnlyList<IProperty> PrimaryKey, IProperty? Key, int BatchSize);
