using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EntityFrameworkCore.Audit;

/// <summary>An entity type whose reads are audited: its name, subject property and personal property names.</summary>
internal sealed record ReadAuditedType(string Name, IProperty? Subject, IReadOnlyList<string> Properties);
