using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Retention;

/// <summary>What deleting a set of principals does to the rows of one dependent entity type: <paramref name="Rows"/>
/// deleted by the database's cascade (<paramref name="Deleted"/>), or anonymised first because the delete clears their
/// subject column while they hold values encrypted under that subject's key.</summary>
internal sealed record DependentEffect(IEntityType Entity, IEntityType Principal, long Rows, bool Deleted);
