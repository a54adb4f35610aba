using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Audit;

/// <summary>An entity type whose reads are audited: its name, subject property and personal property names. An entity
/// reached through a subject path has no subject property: its key is noted (<see cref="Key"/>) and the subject read
/// along the path by <see cref="PathLookup"/> when the query's reader closes. An owned type (<see cref="Owned"/>) is read
/// with its owner, whose row carries the subject; it adds its personal properties to the read, not a row.</summary>
internal sealed record ReadAuditedType(string Name, IProperty? Subject, IReadOnlyList<string> Properties)
{
    public IReadOnlyList<IProperty>? Key { get; init; }

    public AuditSubjectPathLookup? PathLookup { get; init; }

    public bool Owned { get; init; }
}
